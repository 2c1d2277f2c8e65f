namespace Serverless.Core.Models;

/// <summary>
/// Which versions of one model serve traffic. One blob per model (<c>models/{name}/deployment.json</c>),
/// changed only under an ETag condition so concurrent writers never lose an update.
/// </summary>
/// <remarks>Traffic splitting (challenger, weights) is added by the rollout work; keep this the single owner.</remarks>
public sealed record DeploymentState
{
    public required string Model { get; init; }
    /// <summary>The version that answers requests that name no version.</summary>
    public int? Champion { get; init; }
    /// <summary>The last version promoted after passing its checks; rollback returns here.</summary>
    public int? LastKnownGood { get; init; }
    public required DateTimeOffset UpdatedAt { get; init; }
    public required string UpdatedBy { get; init; }
}
