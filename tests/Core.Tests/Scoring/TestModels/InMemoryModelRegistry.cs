using System.Collections.Concurrent;
using Serverless.Core.Models;

namespace Serverless.Core.Tests.Scoring.TestModels;

/// <summary>
/// A hand-written <see cref="IModelRegistry"/> double for provider unit tests: counts storage reads, can
/// hold artifact downloads at a gate, and can serve tampered bytes. Integration tests use the Blob registry.
/// </summary>
internal sealed class InMemoryModelRegistry : IModelRegistry
{
    private readonly ConcurrentDictionary<(string, int), (ModelManifest Manifest, byte[] Bytes)> _versions = new();
    private readonly ConcurrentDictionary<string, DeploymentState> _deployments = new();
    private int _artifactReads;
    private int _deploymentReads;

    public int ArtifactReads => Volatile.Read(ref _artifactReads);

    public int DeploymentReads => Volatile.Read(ref _deploymentReads);

    /// <summary>When set, artifact downloads wait for it (to make concurrent first requests overlap).</summary>
    public TaskCompletionSource? ArtifactGate { get; set; }

    /// <summary>When set, deployment reads throw it (storage outage).</summary>
    public Exception? DeploymentFailure { get; set; }

    public ModelManifest Add(string name, int version, byte[] onnx, ModelTask task = ModelTask.Regression, FeatureSchema? features = null)
    {
        var manifest = TestManifests.For(name, version, onnx, task, features);
        _versions[(name, version)] = (manifest, onnx);
        return manifest;
    }

    /// <summary>Stores a version as given (no artifact), for tests that only read manifests.</summary>
    public void Put(ModelManifest manifest) => _versions[(manifest.Name, manifest.Version)] = (manifest, []);

    public void Tamper(string name, int version)
    {
        var (manifest, bytes) = _versions[(name, version)];
        var tampered = (byte[])bytes.Clone();
        tampered[^1] ^= 0xFF;
        _versions[(name, version)] = (manifest, tampered);
    }

    /// <summary>Replaces the deployment state (routing tests set modes, challengers and weights).</summary>
    public void SetState(DeploymentState state) => _deployments[state.Model] = state;

    public DeploymentState? State(string name) => _deployments.TryGetValue(name, out var state) ? state : null;

    /// <summary>A content hash stands in for the blob ETag: tampering changes it, as rewriting a blob does.</summary>
    public Task<string?> GetArtifactETagAsync(ModelManifest manifest, CancellationToken cancellationToken = default) =>
        Task.FromResult<string?>(_versions.TryGetValue((manifest.Name, manifest.Version), out var v)
            ? Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(v.Bytes)) : null);

    public void SetChampion(string name, int? version) =>
        _deployments[name] = new DeploymentState { Model = name, Champion = version, UpdatedAt = DateTimeOffset.UnixEpoch, UpdatedBy = "tests" };

    public Task<ModelManifest?> GetManifestAsync(string name, int version, CancellationToken cancellationToken = default) =>
        Task.FromResult(_versions.TryGetValue((name, version), out var v) ? v.Manifest : null);

    public async Task<byte[]> GetVerifiedArtifactAsync(ModelManifest manifest, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _artifactReads);
        if (ArtifactGate is { } gate)
        {
            await gate.Task.WaitAsync(cancellationToken);
        }

        var bytes = _versions[(manifest.Name, manifest.Version)].Bytes;
        var actual = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes));
        return actual == manifest.ArtifactSha256 ? bytes : throw new ArtifactIntegrityException(manifest.Name, manifest.Version, manifest.ArtifactSha256, actual);
    }

    public Task<DeploymentState?> GetDeploymentAsync(string name, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _deploymentReads);
        if (DeploymentFailure is { } failure)
        {
            throw failure;
        }

        return Task.FromResult(_deployments.TryGetValue(name, out var state) ? state : null);
    }

    public Task<ModelManifest> RegisterAsync(ModelRegistration registration, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("Provider tests add versions with Add.");

    public Task<IReadOnlyList<string>> ListModelsAsync(CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<string>>([.. _versions.Keys.Select(k => k.Item1).Distinct()]);

    public Task<IReadOnlyList<ModelManifest>> ListVersionsAsync(string name, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<ModelManifest>>([.. _versions.Values.Select(v => v.Manifest).Where(m => m.Name == name).OrderBy(m => m.Version)]);

    public Task<DeploymentState> UpdateDeploymentAsync(string name, Func<DeploymentState?, DeploymentState> change, CancellationToken cancellationToken = default) =>
        Task.FromResult(_deployments.AddOrUpdate(name, _ => change(null), (_, old) => change(old)));
}
