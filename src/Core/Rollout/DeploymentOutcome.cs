using Serverless.Core.Models;

namespace Serverless.Core.Rollout;

/// <summary>What a control-plane call did: the state after it, or why nothing changed.</summary>
public sealed record DeploymentOutcome(DeploymentOutcomeKind Kind, DeploymentState? State, string? Error = null)
{
    public static DeploymentOutcome NotFound(string error) => new(DeploymentOutcomeKind.NotFound, null, error);

    public static DeploymentOutcome Invalid(string error) => new(DeploymentOutcomeKind.Invalid, null, error);
}
