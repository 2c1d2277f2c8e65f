using System.Globalization;
using Serverless.Core.Models;

namespace Serverless.Core.Rollout.Plans;

/// <summary>
/// Turns settings into the plan a rollout follows. A model's own plan (<c>Rollout:Plans:{model}</c>) wins; a request that
/// names the other strategy gets that strategy's default plan, still with the model's approval policy (approvers and
/// approval steps are the model's, whatever the strategy).
/// </summary>
/// <remarks>Pure and thread-safe. Errors name the setting at fault, so they read the same at start-up and in a 400.</remarks>
public static class RolloutPlanner
{
    public const string Canary = "canary";
    public const string BlueGreen = "blue-green";

    /// <summary>The plan for <paramref name="model"/>, or why there is none (an unknown plan name, settings at fault).</summary>
    /// <param name="name">The requested strategy; null for the model's configured plan.</param>
    public static (RolloutPlan? Plan, string? Error) Resolve(RolloutOptions options, string model, string? name)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (name is not null && name is not Canary and not BlueGreen)
        {
            return (null, $"plan: '{name}' is not a plan; use '{Canary}' or '{BlueGreen}'.");
        }

        options.Plans.TryGetValue(model, out var own);
        if (own is not null && (name is null || string.Equals(own.Strategy, name, StringComparison.OrdinalIgnoreCase)))
        {
            return Build(own, $"Rollout:Plans:{model}");
        }

        var strategy = name ?? own?.Strategy ?? options.DefaultStrategy;
        var (defaults, source) = strategy.Equals(BlueGreen, StringComparison.OrdinalIgnoreCase)
            ? (options.BlueGreen, "Rollout:BlueGreen")
            : (options.Canary, "Rollout:Canary");
        var (plan, error) = Build(defaults, source);
        if (plan is null || own is null)
        {
            return (plan, error);
        }

        // The model's approval policy applies whatever the strategy: rebuild the default plan with it.
        var merged = new RolloutPlanSettings
        {
            Strategy = defaults.Strategy, Steps = defaults.Steps, Bake = defaults.Bake, Shadow = defaults.Shadow, ShadowPercent = defaults.ShadowPercent,
            MaxExtensions = defaults.MaxExtensions, ApproveStart = own.ApproveStart, ApproveSteps = own.ApproveSteps, Approvers = own.Approvers,
            RequiredApprovals = own.RequiredApprovals, ApprovalTimeout = own.ApprovalTimeout,
        };
        return Build(merged, $"{source} with the approvals of Rollout:Plans:{model}");
    }

    /// <summary>The plan <paramref name="settings"/> describe, or the first thing wrong with them (prefixed with <paramref name="source"/>).</summary>
    public static (RolloutPlan? Plan, string? Error) Build(RolloutPlanSettings settings, string source)
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

        if (!TryParseList(settings.ApproveSteps, out var approveSteps))
        {
            return (null, Fail("ApproveSteps", $"'{settings.ApproveSteps}' is not a comma-separated list of percents."));
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
            steps.Add(new RolloutStep(BlueGreen, DeploymentMode.BlueGreen, 100, Bake: true, approveSteps.Contains(100)));
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

                steps.Add(new RolloutStep(Canary, DeploymentMode.Canary, weights[i], Bake: true, approveSteps.Contains(weights[i])));
            }

            if (weights[^1] != 100)
            {
                return (null, Fail("Steps", $"'{settings.Steps}' must end at 100."));
            }
        }

        foreach (var weight in approveSteps)
        {
            if (!steps.Any(s => s.NeedsApproval && s.Weight == weight))
            {
                var allowed = string.Join(",", steps.Where(s => s.Mode != DeploymentMode.Shadow && s.Bake).Select(s => s.Weight));
                return (null, Fail("ApproveSteps", $"{weight} is not a step of the plan ({allowed})."));
            }
        }

        var approvers = settings.Approvers.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var asks = settings.ApproveStart || approveSteps.Count > 0;
        if (asks && approvers.Length == 0)
        {
            return (null, Fail("Approvers", "the plan asks for approvals but names no approvers."));
        }

        if (asks && (settings.RequiredApprovals < 1 || settings.RequiredApprovals > approvers.Length))
        {
            return (null, Fail("RequiredApprovals", $"must be 1-{approvers.Length} (the approvers named)."));
        }

        if (asks && settings.ApprovalTimeout <= TimeSpan.Zero)
        {
            return (null, Fail("ApprovalTimeout", "must be positive."));
        }

        return (new RolloutPlan(strategy, source, steps, settings.Bake, settings.MaxExtensions, settings.ApproveStart, approvers,
            Math.Max(settings.RequiredApprovals, 1), settings.ApprovalTimeout), null);
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
