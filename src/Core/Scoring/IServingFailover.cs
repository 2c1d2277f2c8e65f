namespace Serverless.Core.Scoring;

/// <summary>
/// What scoring tells the control plane when a version it routes to fails to load or to verify: record it as refused
/// in the deployment state (moving its traffic to the last known good), audit it and notify. The port lives here so
/// scoring does not depend on the rollout code; <c>Rollout.DeploymentService</c> implements it.
/// </summary>
/// <remarks>Called off the request path when possible, at most once per version and instance; must be idempotent (several instances report the same version).</remarks>
public interface IServingFailover
{
    Task VersionUnservableAsync(string model, int version, string reason, CancellationToken cancellationToken);
}
