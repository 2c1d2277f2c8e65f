using System.Text.Json;
using Azure;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Serverless.Core.Http;
using Serverless.Core.Models;
using Serverless.Core.Scoring;
using Serverless.Core.Serialization;

namespace Serverless.Core.Batch;

/// <summary>
/// On-demand batch jobs: submit (writes the job blob), run (called by the trigger on the job container) and status.
/// </summary>
/// <remarks>
/// Submitting returns at once; the job blob's creation triggers the run, in Azure (blob trigger) and locally
/// (watcher) alike. Running a job is <see cref="BatchScoringHandler.ScoreAsync"/> on its input, so the
/// exactly-once guarantees of the input version hold: a job for a version already scored completes with the
/// existing summary. Thread-safe.
/// </remarks>
public sealed class BatchJobHandler(
    BatchStorage storage,
    BatchReceiptStore receipts,
    BatchScoringHandler scoring,
    IModelProvider models,
    TimeProvider time,
    ILogger<BatchJobHandler> logger)
{
    /// <summary>The relative status URL of a job; the same route in both hosts.</summary>
    public static string StatusUrl(string jobId) => $"/api/batch/jobs/{jobId}";

    /// <summary><c>POST /api/models/{name}/batch</c>: 202 with the job id and status URL; 400/404 with <c>{ "error" }</c>.</summary>
    public async Task<IResult> SubmitAsync(string name, HttpRequest request, CancellationToken cancellationToken)
    {
        if (!ModelNames.IsValid(name))
        {
            return ApiError.Result(400, $"Model name '{name}' is invalid: {ModelNames.Rule}.");
        }

        BatchJobSubmission? submission;
        try
        {
            submission = await ReadBodyAsync(request, cancellationToken);
        }
        catch (JsonException e)
        {
            return ApiError.Result(400, "Body is not valid JSON: " + e.Message);
        }
        catch (InvalidDataException e)
        {
            return ApiError.Result(413, e.Message);
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

        try
        {
            await models.GetAsync(name, submission.ModelVersion, cancellationToken);
        }
        catch (ModelNotFoundException e)
        {
            return ApiError.Result(404, e.Message);
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
        return job is null ? null : await scoring.ScoreAsync(new BatchRequest(job.BlobName, job.ModelVersion), cancellationToken);
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

    private static async Task<BatchJobSubmission?> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        // A path and a version: a few hundred bytes. Bound what is buffered whatever the client sends.
        const int limit = 16 * 1024;
        if (request.ContentLength > limit)
        {
            throw new InvalidDataException($"The request body exceeds {limit} bytes.");
        }

        using var body = new MemoryStream();
        var buffer = new byte[4096];
        int read;
        while ((read = await request.Body.ReadAsync(buffer, cancellationToken)) > 0)
        {
            if (body.Length + read > limit)
            {
                throw new InvalidDataException($"The request body exceeds {limit} bytes.");
            }

            body.Write(buffer, 0, read);
        }

        return body.Length == 0 ? null : JsonSerializer.Deserialize<BatchJobSubmission>(body.GetBuffer().AsSpan(0, (int)body.Length), JsonDefaults.Options);
    }

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
