using System.IO.Compression;
using System.Text;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Moq;
using Serverless.Core.Batch;
using Serverless.Core.Models;
using Serverless.Core.Serialization;
using Serverless.Testing;

namespace Serverless.Core.Tests.Batch;

/// <summary>Batch handlers on real Azurite, with containers unique to one test.</summary>
internal sealed class BatchTestContext
{
    private BatchTestContext(BatchOptions options, BatchStorage storage, BatchReceiptStore receipts, BatchScoringHandler handler, BatchJobService jobs)
    {
        Options = options;
        Storage = storage;
        Receipts = receipts;
        Handler = handler;
        Jobs = jobs;
    }

    public BatchOptions Options { get; }
    public BatchStorage Storage { get; }
    public BatchReceiptStore Receipts { get; }
    public BatchScoringHandler Handler { get; }
    public BatchJobService Jobs { get; }

    public static BatchTestContext Create(string connectionString, FixedModelProvider models, Action<BatchOptions>? configure = null)
    {
        var prefix = AzuriteFixture.UniqueName("b");
        var options = new BatchOptions
        {
            InputContainer = prefix + "-in",
            OutputContainer = prefix + "-out",
            ReceiptContainer = prefix + "-rcpt",
            JobContainer = prefix + "-jobs",
            BatchSize = 64,
            BlockSizeBytes = 64 * 1024,
        };
        configure?.Invoke(options);
        var wrapped = Microsoft.Extensions.Options.Options.Create(options);
        var storage = new BatchStorage(new BlobServiceClient(connectionString), wrapped);
        var receipts = new BatchReceiptStore(storage, wrapped, TimeProvider.System);
        var handler = new BatchScoringHandler(storage, receipts, models, wrapped, TimeProvider.System, NullLogger<BatchScoringHandler>.Instance);
        var jobs = new BatchJobService(storage, receipts, handler, RegistryOf(models), TimeProvider.System, NullLogger<BatchJobService>.Instance);
        return new BatchTestContext(options, storage, receipts, handler, jobs);
    }

    /// <summary>The registry reads the job handler makes (manifests only), answered from the provider's models.</summary>
    private static IModelRegistry RegistryOf(FixedModelProvider models)
    {
        var registry = new Mock<IModelRegistry>(MockBehavior.Strict);
        registry.Setup(r => r.GetManifestAsync(It.IsAny<string>(), It.IsAny<int>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync((string name, int version, CancellationToken _) =>
                models.Manifests.FirstOrDefault(m => m.Name == name && m.Version == version));
        registry.Setup(r => r.ListVersionsAsync(It.IsAny<string>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync((string name, CancellationToken _) =>
                (IReadOnlyList<ModelManifest>)[.. models.Manifests.Where(m => m.Name == name).OrderBy(m => m.Version)]);
        return registry.Object;
    }

    public async Task<ETag> UploadAsync(string name, byte[] content, int? modelVersion = null)
    {
        await Storage.EnsureCreatedAsync(CancellationToken.None);
        var upload = new BlobUploadOptions();
        if (modelVersion is { } v)
        {
            upload.Metadata = new Dictionary<string, string> { ["model_version"] = v.ToString(System.Globalization.CultureInfo.InvariantCulture) };
        }

        var result = await Storage.Input.GetBlobClient(name).UploadAsync(new BinaryData(content), upload);
        return result.Value.ETag;
    }

    public Task<ETag> UploadAsync(string name, string text, int? modelVersion = null) =>
        UploadAsync(name, Encoding.UTF8.GetBytes(text), modelVersion);

    /// <summary>The output blob's text (gunzipped when the name ends in .gz), or null when it was not published.</summary>
    public async Task<string?> ReadOutputAsync(string name) =>
        await ReadOutputBytesAsync(name) is { } bytes ? Encoding.UTF8.GetString(bytes) : null;

    /// <summary>The output blob's bytes (gunzipped when the name ends in .gz), or null when it was not published.</summary>
    public async Task<byte[]?> ReadOutputBytesAsync(string name)
    {
        var blob = Storage.Output.GetBlobClient(name);
        if (!await blob.ExistsAsync())
        {
            return null;
        }

        var bytes = (await blob.DownloadContentAsync()).Value.Content.ToArray();
        if (name.EndsWith(".gz", StringComparison.Ordinal))
        {
            using var gzip = new GZipStream(new MemoryStream(bytes), CompressionMode.Decompress);
            using var plain = new MemoryStream();
            gzip.CopyTo(plain);
            bytes = plain.ToArray();
        }

        return bytes;
    }

    public async Task<BatchSummary> ReadSummaryAsync(string name)
    {
        var content = await Storage.Output.GetBlobClient(name + ".summary.json").DownloadContentAsync();
        return content.Value.Content.ToObjectFromJson<BatchSummary>(JsonDefaults.Options)!;
    }

    public static byte[] Gzip(string text)
    {
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Fastest))
        {
            gzip.Write(Encoding.UTF8.GetBytes(text));
        }

        return buffer.ToArray();
    }
}
