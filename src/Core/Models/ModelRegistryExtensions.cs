namespace Serverless.Core.Models;

public static class ModelRegistryExtensions
{
    /// <summary>
    /// Makes <paramref name="manifest"/> the champion when its model has none yet, so a model's first
    /// version serves at once; later versions reach traffic only through a rollout. Idempotent.
    /// </summary>
    public static Task<DeploymentState> PromoteIfNoChampionAsync(
        this IModelRegistry registry, ModelManifest manifest, string by, TimeProvider time, CancellationToken cancellationToken = default) =>
        registry.UpdateDeploymentAsync(
            manifest.Name,
            current => current?.Champion is not null
                ? current
                : new DeploymentState
                {
                    Model = manifest.Name,
                    Champion = manifest.Version,
                    LastKnownGood = manifest.Version,
                    UpdatedAt = time.GetUtcNow(),
                    UpdatedBy = by,
                },
            cancellationToken);
}
