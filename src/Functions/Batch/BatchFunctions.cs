using Azure.Storage.Blobs;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Serverless.Core.Batch;
using Serverless.Api.Batch;
using Serverless.Api.Http;

namespace Serverless.Functions.Batch;

/// <summary>
/// Binds batch scoring to Azure Functions: the blob triggers on the input and job containers (Event Grid source,
/// as Flex Consumption requires) and the on-demand HTTP endpoints. Same handlers as the local host's watcher and API.
/// </summary>
/// <remarks>
/// Trigger paths are attribute constants: they must match <see cref="BatchOptions.InputContainer"/> and
/// <see cref="BatchOptions.JobContainer"/> (the defaults). Each container needs an Event Grid subscription to
/// <c>/runtime/webhooks/blobs?functionName=Host.Functions.{function}</c> (docs/batch.md).
/// </remarks>
public sealed class BatchFunctions(BatchScoringHandler scoring, BatchJobService jobs, BatchJobHandler jobApi)
{
    [Function("ScoreBatchBlob")]
    public async Task ScoreBatchBlob(
        [BlobTrigger("batch-in/{name}", Connection = "AzureWebJobsStorage", Source = BlobTriggerSource.EventGrid)] BlobClient blob,
        string name,
        CancellationToken cancellationToken) =>
        ThrowIfBusy(await scoring.ScoreAsync(new BatchRequest(name), cancellationToken));

    [Function("RunBatchJob")]
    public async Task RunBatchJob(
        [BlobTrigger("batch-jobs/{name}", Connection = "AzureWebJobsStorage", Source = BlobTriggerSource.EventGrid)] BlobClient blob,
        string name,
        CancellationToken cancellationToken) =>
        ThrowIfBusy(await jobs.RunAsync(name, cancellationToken));

    [Function("SubmitBatchJob")]
    public Task<IResult> Submit(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = Routes.BatchSubmit)] HttpRequest request, string name, CancellationToken cancellationToken) =>
        jobApi.SubmitAsync(name, request, cancellationToken);

    [Function("GetBatchJob")]
    public Task<IResult> GetJob(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = Routes.BatchJob)] HttpRequest request, string id, CancellationToken cancellationToken) =>
        jobApi.GetStatusAsync(id, cancellationToken);

    // Another instance holds the version: failing the invocation makes the host retry it later (then it is a duplicate).
    private static void ThrowIfBusy(BatchOutcome? outcome)
    {
        if (outcome?.Kind == BatchOutcomeKind.Busy)
        {
            throw new InvalidOperationException($"Batch {outcome.BlobName}: {outcome.Detail} Retrying.");
        }
    }
}
