using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Serverless.Api.Http;
using Serverless.Core.Batch;
using Serverless.Core.Models;
using Serverless.Core.Serialization;

namespace Serverless.Api.Batch;

/// <summary>
/// The on-demand batch endpoints over <see cref="BatchJobService"/>: submit and status. Shared by both hosts; the
/// run is a trigger, not an endpoint. Thread-safe singleton.
/// </summary>
public sealed class BatchJobHandler(BatchJobService jobs)
{
    /// <summary>A path and a version: a few hundred bytes. Bounds what is buffered whatever the client sends.</summary>
    private const int MaxBodyBytes = 16 * 1024;

    /// <summary>The relative status URL of a job (<see cref="Routes.BatchJob"/>), the same in both hosts.</summary>
    public static string StatusUrl(string jobId) => "/" + Routes.BatchJob.Replace("{id}", jobId, StringComparison.Ordinal);

    /// <summary><c>POST /api/models/{name}/batch</c>: 202 with the job id and status URL; 400/404/413/415 with <c>{ "error" }</c>.</summary>
    public async Task<IResult> SubmitAsync(string name, HttpRequest request, CancellationToken cancellationToken)
    {
        // The name is checked before the body is read, so a bad URL is answered as such whatever the body.
        if (!ModelNames.IsValid(name))
        {
            return ApiError.Result(StatusCodes.Status400BadRequest, $"Model name '{name}' is invalid: {ModelNames.Rule}.");
        }

        var (body, error) = await JsonRequestBody.ReadAsync(request, MaxBodyBytes, cancellationToken);
        if (body is null)
        {
            return error!;
        }

        BatchJobSubmission? submission;
        using (body)
        {
            try
            {
                submission = JsonSerializer.Deserialize<BatchJobSubmission>(body.Span, JsonDefaults.Options);
            }
            catch (JsonException e)
            {
                return ApiError.Result(StatusCodes.Status400BadRequest, "Body is not valid JSON: " + e.Message);
            }
        }

        var outcome = await jobs.SubmitAsync(name, submission, cancellationToken);
        return outcome.Failure switch
        {
            BatchSubmitFailure.None => TypedResults.Accepted(StatusUrl(outcome.Job!.Id), new BatchJobAccepted(outcome.Job.Id, StatusUrl(outcome.Job.Id))),
            BatchSubmitFailure.NotFound => ApiError.Result(StatusCodes.Status404NotFound, outcome.Message!),
            _ => ApiError.Result(StatusCodes.Status400BadRequest, outcome.Message!),
        };
    }

    /// <summary><c>GET /api/batch/jobs/{id}</c>: 200 with <see cref="BatchJobStatus"/>, 404 for an unknown job.</summary>
    public async Task<IResult> GetStatusAsync(string id, CancellationToken cancellationToken) =>
        await jobs.GetStatusAsync(id, cancellationToken) is { } status
            ? TypedResults.Ok(status)
            : ApiError.Result(StatusCodes.Status404NotFound, $"No batch job '{id}'.");
}
