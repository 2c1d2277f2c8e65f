using Microsoft.Extensions.Options;
using Serverless.Core.Approvals;
using Serverless.Core.Rollout.Plans;

namespace Serverless.Core.Rollout;

/// <summary>Checks every configured plan and the health thresholds at start, so a bad setting stops the host instead of a rollout.</summary>
public sealed class RolloutOptionsValidator : IValidateOptions<RolloutOptions>
{
    public ValidateOptionsResult Validate(string? name, RolloutOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (options.DefaultStrategy is not RolloutPlanner.Canary and not RolloutPlanner.BlueGreen)
        {
            failures.Add($"Rollout:DefaultStrategy: '{options.DefaultStrategy}' is not '{RolloutPlanner.Canary}' or '{RolloutPlanner.BlueGreen}'.");
        }

        var plans = new List<(RolloutPlanSettings, string)> { (options.Canary, "Rollout:Canary"), (options.BlueGreen, "Rollout:BlueGreen") };
        plans.AddRange(options.Plans.Select(p => (p.Value, $"Rollout:Plans:{p.Key}")));
        foreach (var (settings, source) in plans)
        {
            // Approvals are the model's policy, checked with ApprovalOptions; here the plan's own shape.
            if (RolloutPlanner.Build(settings, source, ApprovalPolicy.None).Error is { } error)
            {
                failures.Add(error);
            }
        }

        if (options.Health.Validate() is { } health)
        {
            failures.Add(health);
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
