using System.Globalization;
using Serverless.Core.Approvals;
using Serverless.Core.Models;

namespace Serverless.Core.Rollout.Plans;

/// <summary>
/// Turns settings into the plan a rollout follows. A model's own plan (<c>Rollout:Plans:{model}</c>) wins; a request that
/// names the other strategy gets that strategy's default plan. Approvals are the model's policy whatever the strategy
/// (<see cref="ApprovalPolicy"/>): a step needs one when it raises the candidate to or past one of the policy's
/// <see cref="ApprovalPolicy.ApproveSteps"/> percents, so a threshold always lands on a step of any plan.
/// </summary>
/// <remarks>Pure and thread-safe. Errors name the setting at fault, so they read the same at start-up and in a 400.</remarks>
public static class RolloutPlanner
{
    public const string Canary = "canary";
    public const string BlueGreen = "blue-green";

    /// <summary>The plan for <paramref name="model"/>, or why there is none (an unknown plan name, settings at fault).</summary>
    /// <param name="approval">The model's approval policy (<see cref="ApprovalOptions.PolicyFor"/>).</param>
    /// <param name="name">The requested strategy; null for the model's configured plan.</param>
    public static (RolloutPlan? Plan, string? Error) Resolve(RolloutOptions options, ApprovalPolicy approval, string model, string? name)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (name is not null && name is not Canary and not BlueGreen)
        {
            return (null, $"plan: '{name}' is not a plan; use '{Canary}' or '{BlueGreen}'.");
        }

        options.Plans.TryGetValue(model, out var own);
        if (own is not null && (name is null || string.Equals(own.Strategy, name, StringComparison.OrdinalIgnoreCase)))
        {
            return Build(own, $"Rollout:Plans:{model}", approval);
        }

        var strategy = name ?? own?.Strategy ?? options.DefaultStrategy;
        return strategy.Equals(BlueGreen, StringComparison.OrdinalIgnoreCase)
            ? Build(options.BlueGreen, "Rollout:BlueGreen", approval)
            : Build(options.Canary, "Rollout:Canary", approval);
    }

    /// <summary>The plan <paramref name="settings"/> describe, or the first thing wrong with them (prefixed with <paramref name="source"/>).</summary>
    public static (RolloutPlan? Plan, string? Error) Build(RolloutPlanSettings settings, string source, ApprovalPolicy approval)
    {
        ArgumentNullException.ThrowIfNull(settings);
        string Fail(string field, string why) => $"{source}:{field}: {why}";
        var strategy = settings.Strategy.ToLowerInvariant();
        if (strategy is not Canary and not BlueGreen)
        {
            return (null, Fail("Strategy", $"'{settings.Strategy}' is not '{Canary}' or '{BlueGreen}'."));
        }

        if (settings.Bake <= TimeSpan.Zero)
        {
            return (null, Fail("Bake", "must be positive."));
        }

        if (settings.MaxExtensions is < 0 or > 20)
        {
            return (null, Fail("MaxExtensions", "must be 0-20."));
        }

        var steps = new List<RolloutStep>();
        if (settings.Shadow)
        {
            if (settings.ShadowPercent is < 1 or > 100)
            {
                return (null, Fail("ShadowPercent", "must be 1-100."));
            }

            steps.Add(new RolloutStep("shadow", DeploymentMode.Shadow, settings.ShadowPercent, Bake: true, NeedsApproval: false));
        }

        if (strategy == BlueGreen)
        {
            steps.Add(new RolloutStep(BlueGreen, DeploymentMode.BlueGreen, 0, Bake: false, NeedsApproval: false));
            steps.Add(new RolloutStep(BlueGreen, DeploymentMode.BlueGreen, 100, Bake: true, approval.NeedsApproval(0, 100)));
        }
        else
        {
            if (!TryParseList(settings.Steps, out var weights) || weights.Count == 0)
            {
                return (null, Fail("Steps", $"'{settings.Steps}' is not a comma-separated list of percents."));
            }

            for (var i = 0; i < weights.Count; i++)
            {
                if (weights[i] is < 1 or > 100 || (i > 0 && weights[i] <= weights[i - 1]))
                {
                    return (null, Fail("Steps", $"'{settings.Steps}' must rise, each 1-100."));
                }

                steps.Add(new RolloutStep(Canary, DeploymentMode.Canary, weights[i], Bake: true, approval.NeedsApproval(i == 0 ? 0 : weights[i - 1], weights[i])));
            }

            if (weights[^1] != 100)
            {
                return (null, Fail("Steps", $"'{settings.Steps}' must end at 100."));
            }
        }

        return (new RolloutPlan(strategy, source, steps, settings.Bake, settings.MaxExtensions, approval), null);
    }

    private static bool TryParseList(string text, out List<int> values)
    {
        values = [];
        foreach (var part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var value))
            {
                return false;
            }

            values.Add(value);
        }

        return true;
    }
}
