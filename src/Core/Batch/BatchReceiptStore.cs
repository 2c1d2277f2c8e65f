using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;
using Microsoft.Extensions.Options;
using Serverless.Core.Serialization;

namespace Serverless.Core.Batch;

/// <summary>
/// Exactly-once bookkeeping for input versions. One receipt blob per input name and ETag, created with
/// If-None-Match: * and leased while a worker scores the file.
/// </summary>
/// <remarks>
/// Guarantees: at most one worker at a time scores a version (the lease); a version with a final receipt is
/// never scored again (checked before and after the lease is taken); only the lease holder can write the final
/// receipt. A new upload has a new ETag, so a new receipt, and is scored again. Thread-safe.
/// </remarks>
public sealed class BatchReceiptStore(BatchStorage storage, IOptions<BatchOptions> options, TimeProvider time)
{
    /// <summary>The receipt's name: <c>{input name}/{etag}.json</c> (ETag without quotes).</summary>
    public static string NameFor(string input, string etag) => $"{input}/{etag.Trim('"')}.json";

    /// <summary>The receipt and whether a worker holds it now; null when the version was never claimed.</summary>
    public async Task<(BatchReceipt Receipt, bool Leased)?> GetAsync(string input, string etag, CancellationToken cancellationToken)
    {
        var blob = storage.Receipts.GetBlobClient(NameFor(input, etag));
        try
        {
            var content = await blob.DownloadContentAsync(cancellationToken);
            var receipt = content.Value.Content.ToObjectFromJson<BatchReceipt>(JsonDefaults.Options)!;
            return (receipt, content.Value.Details.LeaseState == LeaseState.Leased);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return null;
        }
    }

    /// <summary>Claims a version for scoring, unless it is final or another worker holds it.</summary>
    public async Task<BatchClaimResult> TryClaimAsync(string input, string etag, CancellationToken cancellationToken)
    {
        var blob = storage.Receipts.GetBlobClient(NameFor(input, etag));
        var existing = await GetAsync(input, etag, cancellationToken);
        if (existing?.Receipt is { IsFinal: true } done)
        {
            return new BatchClaimResult(null, done, false);
        }

        if (existing is null)
        {
            await CreatePendingAsync(blob, input, etag, cancellationToken);
        }

        var duration = TimeSpan.FromSeconds(options.Value.ClaimSeconds);
        var lease = blob.GetBlobLeaseClient();
        try
        {
            await lease.AcquireAsync(duration, cancellationToken: cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            return new BatchClaimResult(null, null, true);
        }

        var claim = new BatchClaim(blob, lease, duration, input, etag);

        // Another worker may have finished between the first read and the lease.
        if ((await GetAsync(input, etag, cancellationToken))?.Receipt is { IsFinal: true } finished)
        {
            await claim.DisposeAsync();
            return new BatchClaimResult(null, finished, false);
        }

        return new BatchClaimResult(claim, null, false);
    }

    /// <summary>A receipt in <paramref name="status"/> for the claim's version.</summary>
    public BatchReceipt Receipt(BatchClaim claim, BatchStatus status, BatchSummary? summary, string? error = null) => new()
    {
        Input = claim.Input,
        InputETag = claim.InputETag,
        Status = status,
        Summary = summary,
        Error = error,
        UpdatedAt = time.GetUtcNow(),
    };

    private async Task CreatePendingAsync(BlobClient blob, string input, string etag, CancellationToken cancellationToken)
    {
        var pending = new BatchReceipt { Input = input, InputETag = etag, Status = BatchStatus.Pending, UpdatedAt = time.GetUtcNow() };
        try
        {
            await blob.UploadAsync(
                BinaryData.FromObjectAsJson(pending, JsonDefaults.Options),
                new BlobUploadOptions { Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All } },
                cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status is 409 or 412)
        {
            // Another trigger created it first; the lease decides who scores.
        }
    }
}
