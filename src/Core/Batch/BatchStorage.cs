using Azure.Storage.Blobs;
using Microsoft.Extensions.Options;

namespace Serverless.Core.Batch;

/// <summary>The containers batch scoring uses, created once on first use. Thread-safe.</summary>
public sealed class BatchStorage
{
    private readonly Lock _gate = new();
    private Task? _created;

    public BatchStorage(BlobServiceClient service, IOptions<BatchOptions> options)
    {
        var o = options.Value;
        Input = service.GetBlobContainerClient(o.InputContainer);
        Output = service.GetBlobContainerClient(o.OutputContainer);
        Receipts = service.GetBlobContainerClient(o.ReceiptContainer);
        Jobs = service.GetBlobContainerClient(o.JobContainer);
    }

    public BlobContainerClient Input { get; }
    public BlobContainerClient Output { get; }
    public BlobContainerClient Receipts { get; }
    public BlobContainerClient Jobs { get; }

    public Task EnsureCreatedAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            // A failed attempt (storage not up yet) is retried by the next caller instead of being cached.
            if (_created is null || _created.IsFaulted || _created.IsCanceled)
            {
                _created = Task.WhenAll(
                    Input.CreateIfNotExistsAsync(), Output.CreateIfNotExistsAsync(),
                    Receipts.CreateIfNotExistsAsync(), Jobs.CreateIfNotExistsAsync());
            }

            return _created.WaitAsync(cancellationToken);
        }
    }
}
