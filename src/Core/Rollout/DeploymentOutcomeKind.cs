namespace Serverless.Core.Rollout;

public enum DeploymentOutcomeKind
{
    /// <summary>The state changed (stored, audited).</summary>
    Changed,

    /// <summary>The state already was what was asked; nothing written (idempotent retries land here).</summary>
    Unchanged,

    /// <summary>Unknown model or version.</summary>
    NotFound,

    /// <summary>The request is invalid (weights, mode, a version that cannot be served); nothing changed.</summary>
    Invalid,
}
