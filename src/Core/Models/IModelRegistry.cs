namespace Serverless.Core.Models;

/// <summary>
/// The model registry on Blob Storage: <c>models/{name}/{version}/model.onnx</c> + <c>manifest.json</c>,
/// and <c>models/{name}/deployment.json</c>.
/// </summary>
/// <remarks>
/// Versions are immutable: artifacts and manifests are written with If-None-Match: *, so a version
/// number is never reused or overwritten, even by concurrent registrations. Thread-safe.
/// </remarks>
public interface IModelRegistry
{
    /// <summary>Validates the ONNX file (it must load), assigns the next version and stores it.</summary>
    /// <exception cref="ModelValidationException">The ONNX file or the schema is invalid.</exception>
    Task<ModelManifest> RegisterAsync(ModelRegistration registration, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<string>> ListModelsAsync(CancellationToken cancellationToken = default);

    /// <summary>All versions of a model, ascending; empty when the model is unknown.</summary>
    Task<IReadOnlyList<ModelManifest>> ListVersionsAsync(string name, CancellationToken cancellationToken = default);

    /// <summary>The manifest, or null when the model or version is unknown.</summary>
    Task<ModelManifest?> GetManifestAsync(string name, int version, CancellationToken cancellationToken = default);

    /// <summary>Downloads model.onnx and checks it against the manifest's SHA-256.</summary>
    /// <exception cref="ArtifactIntegrityException">The stored bytes do not match the manifest.</exception>
    Task<byte[]> GetVerifiedArtifactAsync(ModelManifest manifest, CancellationToken cancellationToken = default);

    /// <summary>
    /// The stored artifact's ETag (one cheap metadata read), or null when it is missing or the registry has none. Scoring
    /// compares it on every refresh with the ETag it loaded, and re-verifies the bytes when it changed (artifacts are
    /// immutable, so a change means tampering or corruption).
    /// </summary>
    Task<string?> GetArtifactETagAsync(ModelManifest manifest, CancellationToken cancellationToken = default) => Task.FromResult<string?>(null);

    /// <summary>The deployment state, or null when none was written yet.</summary>
    Task<DeploymentState?> GetDeploymentAsync(string name, CancellationToken cancellationToken = default);

    /// <summary>
    /// Reads the state, applies <paramref name="change"/> and writes it under the read ETag, retrying on
    /// conflict (so <paramref name="change"/> may run more than once and must be pure). Returning the state it was
    /// given unchanged (the same instance) writes nothing.
    /// </summary>
    Task<DeploymentState> UpdateDeploymentAsync(
        string name, Func<DeploymentState?, DeploymentState> change, CancellationToken cancellationToken = default);
}
