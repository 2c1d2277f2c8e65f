using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Microsoft.Extensions.Options;
using Serverless.Core.Serialization;
using Serverless.Core.Storage;

namespace Serverless.Core.Models;

/// <summary>The model registry on Blob Storage. See <see cref="IModelRegistry"/> for the layout and guarantees.</summary>
/// <remarks>
/// A version is claimed by writing its artifact with If-None-Match: *; the manifest is written second, so a
/// version is visible only once complete. A crash between the two leaves an orphan artifact whose number is
/// never reused. Manifests are immutable, so they are cached once read.
/// </remarks>
public sealed partial class BlobModelRegistry : IModelRegistry
{
    private const string ArtifactFile = "model.onnx";
    private const string ManifestFile = "manifest.json";
    private const string DeploymentFile = "deployment.json";
    private const int MaxAttempts = 20;

    private readonly BlobContainerClient _container;
    private readonly TimeProvider _time;
    private readonly ConcurrentDictionary<(string, int), ModelManifest> _manifests = new();
    private readonly InitializeOnce _created;

    public BlobModelRegistry(BlobServiceClient service, IOptions<RegistryOptions> options, TimeProvider time)
    {
        _container = service.GetBlobContainerClient(options.Value.Container);
        _time = time;
        _created = new InitializeOnce(() => _container.CreateIfNotExistsAsync());
    }

    public async Task<ModelManifest> RegisterAsync(ModelRegistration registration, CancellationToken cancellationToken = default)
    {
        var (inputs, outputs) = OnnxModelInspector.Inspect(registration.Onnx);
        RegistrationValidator.Validate(registration, inputs, outputs);
        await _created.EnsureAsync(cancellationToken);

        var sha256 = Convert.ToHexStringLower(SHA256.HashData(registration.Onnx.Span));
        var version = await NextVersionAsync(registration.Name, cancellationToken);
        for (var attempt = 0; ; attempt++, version++)
        {
            try
            {
                await _container.GetBlobClient(BlobPath(registration.Name, version, ArtifactFile)).UploadAsync(
                    new BinaryData(registration.Onnx),
                    new BlobUploadOptions { Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All } },
                    cancellationToken);
                break;
            }
            catch (RequestFailedException e) when (IsConflict(e) && attempt < MaxAttempts)
            {
                // Another registration claimed this number first; take the next one.
            }
        }

        var manifest = new ModelManifest
        {
            Name = registration.Name,
            Version = version,
            Task = registration.Task ?? ModelTaskInference.Infer(outputs),
            Features = registration.Features ?? DefaultFeatureSchema.For(inputs),
            Serving = registration.Serving ?? ModelServing.Cpu,
            Inputs = inputs,
            Outputs = outputs,
            ClassLabels = registration.ClassLabels,
            Metrics = registration.Metrics ?? new Dictionary<string, double>(),
            Lineage = registration.Lineage ?? new Lineage(),
            Statistics = registration.Statistics,
            ScoreHistogram = registration.ScoreHistogram,
            ArtifactSha256 = sha256,
            CreatedAt = _time.GetUtcNow(),
            CreatedBy = registration.CreatedBy,
        };
        await _container.GetBlobClient(BlobPath(registration.Name, version, ManifestFile)).UploadAsync(
            BinaryData.FromObjectAsJson(manifest, JsonDefaults.Options),
            new BlobUploadOptions
            {
                Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All },
                HttpHeaders = new BlobHttpHeaders { ContentType = "application/json" },
            },
            cancellationToken);
        _manifests[(manifest.Name, manifest.Version)] = manifest;
        return manifest;
    }

    public async Task<IReadOnlyList<string>> ListModelsAsync(CancellationToken cancellationToken = default)
    {
        await _created.EnsureAsync(cancellationToken);
        var names = new List<string>();
        await foreach (var item in _container.GetBlobsByHierarchyAsync(BlobTraits.None, BlobStates.None, "/", null, cancellationToken))
        {
            if (item.IsPrefix)
            {
                names.Add(item.Prefix.TrimEnd('/'));
            }
        }

        return names;
    }

    public async Task<IReadOnlyList<ModelManifest>> ListVersionsAsync(string name, CancellationToken cancellationToken = default)
    {
        if (!ModelNames.IsValid(name))
        {
            return [];
        }

        var versions = await ListVersionNumbersAsync(name, ManifestFile, cancellationToken);
        var manifests = await Task.WhenAll(versions.Select(v => GetManifestAsync(name, v, cancellationToken)));
        return manifests.OfType<ModelManifest>().OrderBy(m => m.Version).ToList();
    }

    public async Task<ModelManifest?> GetManifestAsync(string name, int version, CancellationToken cancellationToken = default)
    {
        if (!ModelNames.IsValid(name) || version < 1)
        {
            return null;
        }

        if (_manifests.TryGetValue((name, version), out var cached))
        {
            return cached;
        }

        await _created.EnsureAsync(cancellationToken);
        try
        {
            var content = await _container.GetBlobClient(BlobPath(name, version, ManifestFile)).DownloadContentAsync(cancellationToken);
            var manifest = content.Value.Content.ToObjectFromJson<ModelManifest>(JsonDefaults.Options)
                ?? throw new InvalidDataException($"Manifest of {name} version {version} is empty.");
            return _manifests.GetOrAdd((name, version), manifest);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return null;
        }
    }

    public async Task<byte[]> GetVerifiedArtifactAsync(ModelManifest manifest, CancellationToken cancellationToken = default)
    {
        var content = await _container.GetBlobClient(BlobPath(manifest.Name, manifest.Version, ArtifactFile)).DownloadContentAsync(cancellationToken);
        var bytes = content.Value.Content.ToArray();
        var actual = Convert.ToHexStringLower(SHA256.HashData(bytes));
        if (!string.Equals(actual, manifest.ArtifactSha256, StringComparison.OrdinalIgnoreCase))
        {
            throw new ArtifactIntegrityException(manifest.Name, manifest.Version, manifest.ArtifactSha256, actual);
        }

        return bytes;
    }

    public async Task<string?> GetArtifactETagAsync(ModelManifest manifest, CancellationToken cancellationToken = default)
    {
        try
        {
            var properties = await _container.GetBlobClient(BlobPath(manifest.Name, manifest.Version, ArtifactFile)).GetPropertiesAsync(cancellationToken: cancellationToken);
            return properties.Value.ETag.ToString();
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return null;
        }
    }

    private static string BlobPath(string name, int version, string file) =>
        string.Create(CultureInfo.InvariantCulture, $"{name}/{version}/{file}");

    private static bool IsConflict(RequestFailedException e) => e.Status is 409 or 412;

    private async Task<int> NextVersionAsync(string name, CancellationToken cancellationToken)
    {
        // Any claimed number counts (artifact written, manifest maybe not), so numbers are never reused.
        var versions = await ListVersionNumbersAsync(name, ArtifactFile, cancellationToken);
        return versions.Count == 0 ? 1 : versions.Max() + 1;
    }

    private async Task<List<int>> ListVersionNumbersAsync(string name, string file, CancellationToken cancellationToken)
    {
        await _created.EnsureAsync(cancellationToken);
        var versions = new List<int>();
        await foreach (var blob in _container.GetBlobsAsync(new GetBlobsOptions { Prefix = name + "/" }, cancellationToken))
        {
            var parts = blob.Name.Split('/');
            if (parts.Length == 3 && parts[2] == file && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var v))
            {
                versions.Add(v);
            }
        }

        return versions;
    }
}
