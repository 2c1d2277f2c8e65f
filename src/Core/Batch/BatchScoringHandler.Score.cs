using System.Diagnostics;
using System.IO.Compression;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;
using Serverless.Core.Scoring;
using Serverless.Core.Serialization;

namespace Serverless.Core.Batch;

public sealed partial class BatchScoringHandler
{
    private async Task<BatchOutcome> ScoreClaimedAsync(
        BatchBlobPath path, BlobProperties properties, int? requestedVersion, BatchClaim claim, CancellationToken cancellationToken)
    {
        var o = options.Value;
        var started = time.GetUtcNow();
        var clock = Stopwatch.StartNew();
        var summary = new BatchSummary
        {
            Status = BatchStatus.Rejected,
            Model = path.Model,
            Input = $"{storage.Input.Name}/{path.BlobName}",
            InputETag = claim.InputETag,
            InputBytes = properties.ContentLength,
            BatchSize = o.BatchSize,
            StartedAt = started,
            CompletedAt = started,
        };

        IScoringModel model;
        PredictionColumns columns;
        try
        {
            var version = requestedVersion ?? VersionFromMetadata(properties.Metadata);
            model = await models.GetAsync(path.Model, version, cancellationToken);
            summary = summary with { ModelVersion = model.Manifest.Version };
            columns = model.Encoder is null
                ? throw new BatchFileException($"Model '{path.Model}' version {model.Manifest.Version} has no feature schema; it cannot score files.")
                : PredictionColumns.For(model.Manifest);
        }
        catch (Exception e) when (e is BatchFileException or ModelNotFoundException)
        {
            return await RejectAsync(path, properties, claim, summary, e.Message, clock, cancellationToken);
        }

        BatchLogs.Started(logger, path.BlobName, path.Model, model.Manifest.Version);
        var download = await storage.Input.GetBlobClient(path.BlobName).DownloadStreamingAsync(
            new BlobDownloadOptions { Conditions = new BlobRequestConditions { IfMatch = properties.ETag } }, cancellationToken);
        await using var hashing = new HashingReadStream(download.Value.Content);
        await using var source = path.Gzip ? new GZipStream(hashing, CompressionMode.Decompress, leaveOpen: true) : (Stream)hashing;
        await using var output = new StagedBlockBlobStream(storage.Output.GetBlockBlobClient(path.OutputName), o.BlockSizeBytes);
        await using var errorsOutput = new StagedBlockBlobStream(storage.Output.GetBlockBlobClient(path.ErrorsName), 256 * 1024);
        BatchCounts counts;
        try
        {
            await using var reader = await OpenReaderAsync(path.Format, source, model.Encoder!, columns, o, cancellationToken);
            await using var sink = path.Gzip ? new GZipStream(output, CompressionLevel.Fastest, leaveOpen: true) : (Stream)output;
            await using var writer = CreateWriter(reader, sink, columns);
            var errors = new ErrorsCsvWriter(errorsOutput);
            await writer.WriteHeaderAsync(cancellationToken);
            await errors.WriteHeaderAsync(cancellationToken);
            var lastReport = TimeSpan.Zero;
            counts = await BatchPipeline.RunAsync(reader, writer, errors, model, _observer, o.BatchSize, o.PipelineDepth, progress =>
            {
                if (clock.Elapsed - lastReport >= o.ProgressInterval)
                {
                    lastReport = clock.Elapsed;
                    BatchLogs.Progress(logger, path.BlobName, progress.RowsRead, progress.RowsRejected, progress.RowsRead / clock.Elapsed.TotalSeconds);
                }
            }, cancellationToken);
            await writer.CompleteAsync(cancellationToken);
        }
        catch (Exception e) when (e is BatchFileException or InvalidDataException)
        {
            var reason = e is InvalidDataException ? "The file is not valid gzip: " + e.Message : e.Message;
            return await RejectAsync(path, properties, claim, summary, reason, clock, cancellationToken);
        }

        // Whatever the parser left unread (trailing bytes after the gzip stream) still belongs to the hashed input.
        await hashing.CopyToAsync(Stream.Null, cancellationToken);

        if (!await MayPublishAsync(path, properties, claim, cancellationToken))
        {
            return new BatchOutcome(BatchOutcomeKind.Superseded, path.BlobName);
        }

        await output.CommitAsync(path.ContentType, cancellationToken);
        await errorsOutput.CommitAsync("text/csv; charset=utf-8", cancellationToken);
        var seconds = clock.Elapsed.TotalSeconds;
        summary = summary with
        {
            Status = BatchStatus.Completed,
            InputSha256 = hashing.FinishHash(),
            Output = $"{storage.Output.Name}/{path.OutputName}",
            Errors = $"{storage.Output.Name}/{path.ErrorsName}",
            RowsRead = counts.RowsRead,
            RowsScored = counts.RowsScored,
            RowsRejected = counts.RowsRejected,
            DurationSeconds = seconds,
            RowsPerSecond = seconds > 0 ? counts.RowsRead / seconds : 0,
            CompletedAt = time.GetUtcNow(),
        };
        await PublishSummaryAsync(path, summary, cancellationToken);
        BatchLogs.Completed(logger, path.BlobName, counts.RowsScored, counts.RowsRejected, seconds, summary.RowsPerSecond);
        return new BatchOutcome(BatchOutcomeKind.Completed, path.BlobName, summary);
    }

    /// <summary>
    /// Renews the lease (throws when it is no longer ours) and checks that the blob is still the version that was
    /// read; false (logged as superseded) when it was replaced: then nothing may be published.
    /// </summary>
    private async Task<bool> MayPublishAsync(BatchBlobPath path, BlobProperties properties, BatchClaim claim, CancellationToken cancellationToken)
    {
        await claim.EnsureHeldAsync(cancellationToken);
        var current = await storage.Input.GetBlobClient(path.BlobName).GetPropertiesAsync(cancellationToken: cancellationToken);
        if (current.Value.ETag == properties.ETag)
        {
            return true;
        }

        BatchLogs.Superseded(logger, path.BlobName);
        return false;
    }

    /// <summary>
    /// Publishes a rejection: under the same lease and ETag checks as a success (a slow rejection of an old version
    /// must not overwrite a newer version's summary), the summary first, then the previous version's output and
    /// errors are deleted. The summary is the commit point readers key off: a rejected summary names no output.
    /// </summary>
    private async Task<BatchOutcome> RejectAsync(
        BatchBlobPath path, BlobProperties properties, BatchClaim claim, BatchSummary summary, string reason, Stopwatch clock,
        CancellationToken cancellationToken)
    {
        if (!await MayPublishAsync(path, properties, claim, cancellationToken))
        {
            return new BatchOutcome(BatchOutcomeKind.Superseded, path.BlobName);
        }

        summary = summary with
        {
            Status = BatchStatus.Rejected,
            Reason = reason,
            DurationSeconds = clock.Elapsed.TotalSeconds,
            CompletedAt = time.GetUtcNow(),
        };
        await PublishSummaryAsync(path, summary, cancellationToken);

        // A worker that dies here leaves stale files beside a rejected summary; the receipt is not final yet, so
        // the retry rejects again and deletes them.
        await storage.Output.GetBlobClient(path.OutputName).DeleteIfExistsAsync(cancellationToken: cancellationToken);
        await storage.Output.GetBlobClient(path.ErrorsName).DeleteIfExistsAsync(cancellationToken: cancellationToken);
        BatchLogs.Rejected(logger, path.BlobName, reason);
        return new BatchOutcome(BatchOutcomeKind.Rejected, path.BlobName, summary);
    }

    private Task PublishSummaryAsync(BatchBlobPath path, BatchSummary summary, CancellationToken cancellationToken) =>
        storage.Output.GetBlobClient(path.SummaryName).UploadAsync(
            BinaryData.FromObjectAsJson(summary, JsonDefaults.Options),
            new BlobUploadOptions { HttpHeaders = new BlobHttpHeaders { ContentType = "application/json" } },
            cancellationToken);
}
