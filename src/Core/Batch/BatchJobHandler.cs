using System.Text.Json;
using Azure;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Serverless.Core.Http;
using Serverless.Core.Models;
using Serverless.Core.Serialization;

namespace Serverless.Core.Batch;

/// <summary>
/// On-demand batch jobs: submit (writes the job blob), run (called by the trigger on the job container) and status.
/// </summary>
/// <remarks>
/// Submitting returns at once; the job blob's creation triggers the run, in Azure (blob trigger) and locally
/// (watcher) alike. Running a job is <see cref="BatchScoringHandler.ScoreAsync"/> on the input version (ETag) it
/// was submitted for, so the exactly-once guarantees of that version hold: a job for a version already scored
/// completes with the existing summary, a job whose blob was replaced since is superseded, and a job naming a
/// model version other than the one that scored the input version is rejected (a version is scored once).
/// Thread-safe.
/// </remarks>
public sealed class BatchJobHandler(
    BatchStorage storage,
    BatchReceiptStore receipts,
    BatchScoringHandler scoring,
    IModelRegistry registry,
    TimeProvider time,
    ILogger<BatchJobHandler> logger)
{
    /// <summary>The relative status URL of a job; the same route in both hosts.</summary>
    public static string StatusUrl(string jobId) => $"/api/batch/jobs/{jobId}";

    /// <summary>A path and a version: a few hundred bytes. Bounds what is buffered whatever the client sends.</summary>
    private const int MaxBodyBytes = 16 * 1024;

    /// <summary><c>POST /api/models/{name}/batch</c>: 202 with the job id and status URL; 400/404/413/415 with <c>{ "error" }</c>.</summary>
    public async Task<IResult> SubmitAsync(string name, HttpRequest request, CancellationToken cancellationToken)
    {
        if (!ModelNames.IsValid(name))
        {
            return ApiError.Result(400, $"Model name '{name}' is invalid: {ModelNames.Rule}.");
        }

        var (body, error) = await JsonRequestBody.ReadAsync(request, MaxBodyBytes, cancellationToken);
        if (error is not null)
        {
            return error;
        }

        BatchJobSubmission? submission;
        using (body)
        {
            try
            {
                submission = JsonSerializer.Deserialize<BatchJobSubmission>(body!.Span, JsonDefaults.Options);
            }
            catch (JsonException e)
            {
                return ApiError.Result(400, "Body is not valid JSON: " + e.Message);
            }
        }

        var relative = submission?.Path?.TrimStart('/');
        if (string.IsNullOrWhiteSpace(relative) || relative.Split('/').Any(s => s is "" or "." or ".."))
        {
            return ApiError.Result(400, "Body must be { \"path\": \"<file under the model's input folder>\" }.");
        }

        if (!BatchBlobPath.TryParse($"{name}/{relative}", out var path))
        {
            return ApiError.Result(400, $"'{relative}' is not a batch file: expected .csv, .jsonl, .csv.gz, .jsonl.gz or .parquet.");
        }

        if (submission!.ModelVersion is <= 0)
        {
            return ApiError.Result(400, "modelVersion must be a positive integer.");
        }

        // The manifest is enough to know the version exists; loading a session here would cost an ONNX load per
        // submit and turn a bad artifact into a 500 (the run rejects the file with the reason instead).
        if (submission.ModelVersion is { } version
                ? await registry.GetManifestAsync(name, version, cancellationToken) is null
                : (await registry.ListVersionsAsync(name, cancellationToken)).Count == 0)
        {
            return ApiError.Result(404, submission.ModelVersion is { } v
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
            return ApiError.Result(404, $"No blob '{storage.Input.Name}/{path!.BlobName}'.");
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
        return TypedResults.Accepted(StatusUrl(job.Id), new BatchJobAccepted(job.Id, StatusUrl(job.Id)));
    }

    /// <summary>Runs the job stored as <paramref name="jobBlobName"/> (<c>{id}.json</c>); null when there is no such job.</summary>
    public async Task<BatchOutcome?> RunAsync(string jobBlobName, CancellationToken cancellationToken)
    {
        var job = await ReadAsync(jobBlobName, cancellationToken);
        return job is null ? null : await scoring.ScoreAsync(new BatchRequest(job.BlobName, job.ModelVersion, job.InputETag), cancellationToken);
    }

    /// <summary><c>GET /api/batch/jobs/{id}</c>: 200 with <see cref="BatchJobStatus"/>, 404 for an unknown job.</summary>
    public async Task<IResult> GetStatusAsync(string id, CancellationToken cancellationToken)
    {
        if (!Guid.TryParseExact(id, "N", out _) || await ReadAsync(id + ".json", cancellationToken) is not { } job)
        {
            return ApiError.Result(404, $"No batch job '{id}'.");
        }

        var input = $"{storage.Input.Name}/{job.BlobName}";
        var found = await receipts.GetAsync(job.BlobName, job.InputETag, cancellationToken);
        string state;
        if (found is { } r)
        {
            if (VersionConflict(job, r.Receipt) is { } conflict)
            {
                return TypedResults.Ok(new BatchJobStatus(job.Id, input, job.InputETag, "rejected", job.SubmittedAt, r.Receipt.Summary, conflict));
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
            return TypedResults.Ok(new BatchJobStatus(job.Id, input, job.InputETag, state, job.SubmittedAt, r.Receipt.Summary, r.Receipt.Error));
        }

        state = await IsCurrentAsync(job, cancellationToken) ? "queued" : "superseded";
        return TypedResults.Ok(new BatchJobStatus(job.Id, input, job.InputETag, state, job.SubmittedAt, null, null));
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
