using Azure;
using Azure.Storage.Blobs.Models;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Serverless.Core.Scoring;

namespace Serverless.Core.Batch;

/// <summary>
/// Scores one input blob into <c>{output}/{model}/{path}</c> with <c>.errors.csv</c> and <c>.summary.json</c>
/// beside it. Called by the Azure Functions blob trigger, the local watcher and on-demand jobs alike.
/// </summary>
/// <remarks>
/// Exactly once per input version (name + ETag): see <see cref="BatchReceiptStore"/>. A second trigger of the
/// same version returns <see cref="BatchOutcomeKind.Duplicate"/> (or <see cref="BatchOutcomeKind.Busy"/> while
/// the first runs) and publishes nothing. Atomic: outputs are staged and committed only after the whole file was
/// read and scored, so a reader never sees half a file, and a worker killed mid-file publishes nothing.
/// Memory is flat: see <see cref="BatchOptions"/>. Thread-safe; files are independent.
/// </remarks>
public sealed partial class BatchScoringHandler(
    BatchStorage storage,
    BatchReceiptStore receipts,
    IModelProvider models,
    IOptions<BatchOptions> options,
    TimeProvider time,
    ILogger<BatchScoringHandler> logger,
    IScoringObserver? observer = null)
{
    private readonly IScoringObserver _observer = observer ?? NullScoringObserver.Instance;

    /// <exception cref="RequestFailedException">Storage failed; the receipt says Failed and a retry scores the file.</exception>
    public async Task<BatchOutcome> ScoreAsync(BatchRequest request, CancellationToken cancellationToken)
    {
        if (!BatchBlobPath.TryParse(request.BlobName, out var path))
        {
            BatchLogs.Ignored(logger, request.BlobName, "not {model}/{path}.csv|.jsonl[.gz]|.parquet");
            return new BatchOutcome(BatchOutcomeKind.Ignored, request.BlobName, Detail: "Not a batch file: expected {model}/{path}.csv, .jsonl, .csv.gz, .jsonl.gz or .parquet.");
        }

        await storage.EnsureCreatedAsync(cancellationToken);
        BlobProperties properties;
        try
        {
            properties = await storage.Input.GetBlobClient(path!.BlobName).GetPropertiesAsync(cancellationToken: cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            BatchLogs.Ignored(logger, request.BlobName, "deleted");
            return new BatchOutcome(BatchOutcomeKind.Ignored, request.BlobName, Detail: "The blob does not exist.");
        }

        var etag = properties.ETag.ToString().Trim('"');
        if (request.ExpectedETag is { } expected && expected.Trim('"') != etag)
        {
            // The blob was replaced after the job was submitted: the new version is scored by its own trigger.
            BatchLogs.Superseded(logger, path.BlobName);
            return new BatchOutcome(BatchOutcomeKind.Superseded, path.BlobName, Detail: $"The blob changed since version {expected.Trim('"')} was requested.");
        }

        var result = await receipts.TryClaimAsync(path.BlobName, etag, cancellationToken);
        if (result.Final is { } final)
        {
            BatchLogs.Duplicate(logger, path.BlobName, etag);
            return new BatchOutcome(BatchOutcomeKind.Duplicate, path.BlobName, final.Summary);
        }

        if (result.Claim is not { } claim)
        {
            BatchLogs.Busy(logger, path.BlobName, etag);
            return new BatchOutcome(BatchOutcomeKind.Busy, path.BlobName, Detail: "Another worker is scoring this version.");
        }

        await using (claim)
        {
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, claim.Lost);
            try
            {
                var outcome = await ScoreClaimedAsync(path, properties, request.ModelVersion, claim, linked.Token);
                var status = outcome.Kind switch
                {
                    BatchOutcomeKind.Completed => BatchStatus.Completed,
                    BatchOutcomeKind.Rejected => BatchStatus.Rejected,
                    _ => BatchStatus.Superseded,
                };
                await claim.WriteAndReleaseAsync(receipts.Receipt(claim, status, outcome.Summary), linked.Token);
                return outcome;
            }
            catch (Exception e) when (!cancellationToken.IsCancellationRequested)
            {
                BatchLogs.Failed(logger, path.BlobName, e);
                await TryRecordFailureAsync(claim, e);
                throw;
            }
        }
    }

    private async Task TryRecordFailureAsync(BatchClaim claim, Exception failure)
    {
        try
        {
            await claim.WriteAndReleaseAsync(receipts.Receipt(claim, BatchStatus.Failed, null, failure.Message), CancellationToken.None);
        }
        catch (Exception)
        {
            // The lease is gone or storage is down (RequestFailedException, or AggregateException past the SDK's
            // retries): the receipt stays Pending, which is retried the same way. The original failure is rethrown.
        }
    }

    private static int? VersionFromMetadata(IDictionary<string, string> metadata)
    {
        if (!metadata.TryGetValue("model_version", out var text))
        {
            return null;
        }

        return int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var version) && version > 0
            ? version
            : throw new BatchFileException($"Blob metadata model_version '{text}' is not a positive integer.");
    }
}
