using Azure.Storage.Blobs;
using Microsoft.Extensions.Options;
using Serverless.Core.Storage;

namespace Serverless.Core.Batch;

/// <summary>The containers batch scoring uses, created once on first use. Thread-safe.</summary>
public sealed class BatchStorage
{
    private readonly InitializeOnce _created;

    public BatchStorage(BlobServiceClient service, IOptions<BatchOptions> options)
    {
        var o = options.Value;
        Input = service.GetBlobContainerClient(o.InputContainer);
        Output = service.GetBlobContainerClient(o.OutputContainer);
        Receipts = service.GetBlobContainerClient(o.ReceiptContainer);
        Jobs = service.GetBlobContainerClient(o.JobContainer);
        _created = new InitializeOnce(() => Task.WhenAll(
            Input.CreateIfNotExistsAsync(), Output.CreateIfNotExistsAsync(),
            Receipts.CreateIfNotExistsAsync(), Jobs.CreateIfNotExistsAsync()));
    }

    public BlobContainerClient Input { get; }
    public BlobContainerClient Output { get; }
    public BlobContainerClient Receipts { get; }
    public BlobContainerClient Jobs { get; }

    /// <summary>Creates the containers once; a failed attempt (storage not up yet) is retried by the next caller.</summary>
    public Task EnsureCreatedAsync(CancellationToken cancellationToken) => _created.EnsureAsync(cancellationToken);
}
