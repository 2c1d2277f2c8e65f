using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;
using Serverless.Core.Serialization;

namespace Serverless.Core.Batch;

/// <summary>
/// The lease a worker holds on an input version's receipt while it scores the file. Renewed in the background
/// at a third of its duration; if a renewal fails, <see cref="Lost"/> is cancelled and the worker must stop
/// without publishing.
/// </summary>
/// <remarks>
/// A worker that dies stops renewing, so the lease expires after at most <see cref="BatchOptions.ClaimSeconds"/>
/// and the next trigger claims the version again.
/// </remarks>
public sealed class BatchClaim : IAsyncDisposable
{
    private readonly BlobClient _receipt;
    private readonly BlobLeaseClient _lease;
    private readonly CancellationTokenSource _lost = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _renewal;
    private bool _released;

    internal BatchClaim(BlobClient receipt, BlobLeaseClient lease, TimeSpan duration, string input, string etag)
    {
        _receipt = receipt;
        _lease = lease;
        Input = input;
        InputETag = etag;
        _renewal = RenewAsync(duration / 3);
    }

    public string Input { get; }

    public string InputETag { get; }

    /// <summary>Cancelled when the lease could not be renewed: another worker may now own the version.</summary>
    public CancellationToken Lost => _lost.Token;

    /// <summary>Renews now and fails if the lease is no longer ours: called right before publishing.</summary>
    public async Task EnsureHeldAsync(CancellationToken cancellationToken)
    {
        _lost.Token.ThrowIfCancellationRequested();
        await _lease.RenewAsync(cancellationToken: cancellationToken);
    }

    /// <summary>Writes the receipt (final, or Failed) under the lease, so only the holder can, then releases the lease.</summary>
    public async Task WriteAndReleaseAsync(BatchReceipt receipt, CancellationToken cancellationToken)
    {
        await _receipt.UploadAsync(
            BinaryData.FromObjectAsJson(receipt, JsonDefaults.Options),
            new BlobUploadOptions { Conditions = new BlobRequestConditions { LeaseId = _lease.LeaseId } },
            cancellationToken);
        await ReleaseAsync();
    }

    /// <summary>Stops renewing and releases the lease; never throws, since the file may already be published.</summary>
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _renewal; // RenewAsync catches everything, so this cannot rethrow a renewal fault.
        await ReleaseAsync();
        _stop.Dispose();
        _lost.Dispose();
    }

    private async Task ReleaseAsync()
    {
        if (_released)
        {
            return;
        }

        _released = true;
        try
        {
            await _lease.ReleaseAsync();
        }
        catch (Exception)
        {
            // Already expired or taken over, or storage is unreachable (AggregateException once the SDK's
            // retries are spent): the lease expires by itself within ClaimSeconds.
        }
    }

    private async Task RenewAsync(TimeSpan period)
    {
        try
        {
            while (true)
            {
                await Task.Delay(period, _stop.Token);
                await _lease.RenewAsync(cancellationToken: _stop.Token);
            }
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
        }
        catch (Exception)
        {
            // Any failure (a 409 because the lease was broken or taken over, or AggregateException when storage
            // is unreachable past the SDK's retries) means the lease may be gone: the worker must not publish.
            await _lost.CancelAsync();
        }
    }
}
