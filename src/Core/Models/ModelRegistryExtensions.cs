namespace Serverless.Core.Models;

public static class ModelRegistryExtensions
{
    /// <summary>Registers a version and, when its model has no champion yet, makes it the champion.</summary>
    public static async Task<ModelManifest> RegisterAndPromoteIfFirstAsync(
        this IModelRegistry registry, ModelRegistration registration, TimeProvider time, CancellationToken cancellationToken = default)
    {
        var manifest = await registry.RegisterAsync(registration, cancellationToken);
        await registry.PromoteIfNoChampionAsync(manifest, registration.CreatedBy, time, cancellationToken);
        return manifest;
    }

    /// <summary>
    /// Makes <paramref name="manifest"/> the champion when its model has none yet, so a model's first
    /// version serves at once; later versions reach traffic only through a rollout. Idempotent.
    /// </summary>
    public static Task<DeploymentState> PromoteIfNoChampionAsync(
        this IModelRegistry registry, ModelManifest manifest, string by, TimeProvider time, CancellationToken cancellationToken = default) =>
        registry.UpdateDeploymentAsync(
            manifest.Name, current => current?.Champion is not null ? current : DeploymentTransitions.FirstChampion(manifest, by, time.GetUtcNow()), cancellationToken);
}
