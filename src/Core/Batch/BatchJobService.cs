using Azure;
using Microsoft.Extensions.Logging;
using Serverless.Core.Models;
using Serverless.Core.Serialization;

namespace Serverless.Core.Batch;

/// <summary>
/// On-demand batch jobs: submit (writes the job blob), run (called by the trigger on the job container) and status.
/// The HTTP endpoints over it are Api's <c>BatchJobHandler</c>.
/// </summary>
/// <remarks>
/// Submitting returns at once; the job blob's creation triggers the run, in Azure (blob trigger) and locally
/// (watcher) alike. Running a job is <see cref="BatchScoringHandler.ScoreAsync"/> on the input version (ETag) it
/// was submitted for, so the exactly-once guarantees of that version hold: a job for a version already scored
/// completes with the existing summary, a job whose blob was replaced since is superseded, and a job naming a
/// model version other than the one that scored the input version is rejected (a version is scored once).
/// Thread-safe.
/// </remarks>
public sealed class BatchJobService(
    BatchStorage storage,
    BatchReceiptStore receipts,
    BatchScoringHandler scoring,
    IModelRegistry registry,
    TimeProvider time,
    ILogger<BatchJobService> logger)
{
    /// <summary>
    /// Stores a job for the input file's current version, or says why not (nothing is written then). The model
    /// version must exist; its session is not loaded here: that would cost an ONNX load per submit, and a bad
    /// artifact is reported by the run, which rejects the file with the reason.
    /// </summary>
    public async Task<BatchSubmitOutcome> SubmitAsync(string name, BatchJobSubmission? submission, CancellationToken cancellationToken)
    {
        if (!ModelNames.IsValid(name))
        {
            return BatchSubmitOutcome.Failed(BatchSubmitFailure.Invalid, $"Model name '{name}' is invalid: {ModelNames.Rule}.");
        }

        var relative = submission?.Path?.TrimStart('/');
        if (string.IsNullOrWhiteSpace(relative) || relative.Split('/').Any(s => s is "" or "." or ".."))
        {
            return BatchSubmitOutcome.Failed(BatchSubmitFailure.Invalid, "Body must be { \"path\": \"<file under the model's input folder>\" }.");
        }

        if (!BatchBlobPath.TryParse($"{name}/{relative}", out var path))
        {
            return BatchSubmitOutcome.Failed(
                BatchSubmitFailure.Invalid, $"'{relative}' is not a batch file: expected .csv, .jsonl, .csv.gz, .jsonl.gz or .parquet.");
        }

        if (submission!.ModelVersion is <= 0)
        {
            return BatchSubmitOutcome.Failed(BatchSubmitFailure.Invalid, "modelVersion must be a positive integer.");
        }

        if (submission.ModelVersion is { } version
                ? await registry.GetManifestAsync(name, version, cancellationToken) is null
                : (await registry.ListVersionsAsync(name, cancellationToken)).Count == 0)
        {
            return BatchSubmitOutcome.Failed(BatchSubmitFailure.NotFound, submission.ModelVersion is { } v
                ? $"Model '{name}' has no version {v}."
                : $"Model '{name}' is not registered.");
        }

        await storage.EnsureCreatedAsync(cancellationToken);
        ETag etag;
        try
        {
            etag = (await storage.Input.GetBlobClient(path!.BlobName).GetPropertiesAsync(cancellationToken: cancellationToken)).Value.ETag;
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return BatchSubmitOutcome.Failed(BatchSubmitFailure.NotFound, $"No blob '{storage.Input.Name}/{path!.BlobName}'.");
        }

        var job = new BatchJob
        {
            Id = Guid.NewGuid().ToString("N"),
            BlobName = path.BlobName,
            ModelVersion = submission.ModelVersion,
            InputETag = etag.ToString().Trim('"'),
            SubmittedAt = time.GetUtcNow(),
        };
        await storage.Jobs.GetBlobClient(job.Id + ".json").UploadAsync(BinaryData.FromObjectAsJson(job, JsonDefaults.Options), cancellationToken);
        BatchLogs.JobSubmitted(logger, job.Id, name, relative);
        return BatchSubmitOutcome.Submitted(job);
    }

    /// <summary>Runs the job stored as <paramref name="jobBlobName"/> (<c>{id}.json</c>); null when there is no such job.</summary>
    public async Task<BatchOutcome?> RunAsync(string jobBlobName, CancellationToken cancellationToken)
    {
        var job = await ReadAsync(jobBlobName, cancellationToken);
        return job is null ? null : await scoring.ScoreAsync(new BatchRequest(job.BlobName, job.ModelVersion, job.InputETag), cancellationToken);
    }

    /// <summary>The job's state, read from its input version's receipt; null for an unknown or malformed id.</summary>
    public async Task<BatchJobStatus?> GetStatusAsync(string id, CancellationToken cancellationToken)
    {
        if (!Guid.TryParseExact(id, "N", out _) || await ReadAsync(id + ".json", cancellationToken) is not { } job)
        {
            return null;
        }

        var input = $"{storage.Input.Name}/{job.BlobName}";
        var found = await receipts.GetAsync(job.BlobName, job.InputETag, cancellationToken);
        string state;
        if (found is { } r)
        {
            if (VersionConflict(job, r.Receipt) is { } conflict)
            {
                return new BatchJobStatus(job.Id, input, job.InputETag, "rejected", job.SubmittedAt, r.Receipt.Summary, conflict);
            }

            state = r.Receipt.Status switch
            {
                BatchStatus.Completed => "completed",
                BatchStatus.Rejected => "rejected",
                BatchStatus.Superseded => "superseded",
                _ when r.Leased => "running",
                BatchStatus.Failed => "failed",
                _ => "queued",
            };
            return new BatchJobStatus(job.Id, input, job.InputETag, state, job.SubmittedAt, r.Receipt.Summary, r.Receipt.Error);
        }

        state = await IsCurrentAsync(job, cancellationToken) ? "queued" : "superseded";
        return new BatchJobStatus(job.Id, input, job.InputETag, state, job.SubmittedAt, null, null);
    }

    /// <summary>
    /// Why the job cannot have its result: its input version was finally scored with another model version than
    /// the job names. Receipts are per input version, so that version is never scored again.
    /// </summary>
    private static string? VersionConflict(BatchJob job, BatchReceipt receipt) =>
        job.ModelVersion is { } wanted && receipt.IsFinal && receipt.Summary?.ModelVersion is { } used && used != wanted
            ? $"Input version {job.InputETag} was already scored with model version {used}; each input version is scored once. "
              + $"To score it with version {wanted}, upload the file again with blob metadata model_version={wanted}."
            : null;

    private async Task<bool> IsCurrentAsync(BatchJob job, CancellationToken cancellationToken)
    {
        try
        {
            var properties = await storage.Input.GetBlobClient(job.BlobName).GetPropertiesAsync(cancellationToken: cancellationToken);
            return properties.Value.ETag.ToString().Trim('"') == job.InputETag;
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return false;
        }
    }

    private async Task<BatchJob?> ReadAsync(string blobName, CancellationToken cancellationToken)
    {
        try
        {
            var content = await storage.Jobs.GetBlobClient(blobName).DownloadContentAsync(cancellationToken);
            return content.Value.Content.ToObjectFromJson<BatchJob>(JsonDefaults.Options);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return null;
        }
    }
}
