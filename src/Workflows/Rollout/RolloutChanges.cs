using Serverless.Core.Rollout;

namespace Serverless.Workflows.Rollout;

/// <summary>Deployment outcomes as the rollout orchestration sees them.</summary>
internal static class RolloutChanges
{
    public static RolloutChange Of(DeploymentOutcome outcome) =>
        outcome.Kind is DeploymentOutcomeKind.Changed or DeploymentOutcomeKind.Unchanged
            ? new RolloutChange(true, outcome.State?.Describe(), null)
            : new RolloutChange(false, outcome.State?.Describe(), outcome.Error);
}
