using System.Security.Cryptography;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Microsoft.DurableTask;
using Microsoft.Extensions.Options;
using Serverless.Training;
using Serverless.Training.Data;

namespace Serverless.Workflows.Training;

/// <summary>
/// Validates the spec and copies its data blob to <c>{snapshot container}/{model}/{sha256}/{file}</c>, so training (and
/// any retry or later audit) reads exactly the bytes that were hashed, whatever happens to the source afterwards.
/// </summary>
/// <remarks>Idempotent: the copy is addressed by content and written with If-None-Match, so a rerun finds it in place.</remarks>
public sealed class SnapshotTrainingDataActivity(
    BlobServiceClient blobs, IOptions<TrainingOptions> limits, IOptions<TrainingWorkflowOptions> options)
    : TaskActivity<TrainModelRequest, TrainingSnapshot>
{
    public override async Task<TrainingSnapshot> RunAsync(TaskActivityContext context, TrainModelRequest input)
    {
        var spec = WorkflowTrainingSpec.Read(input.SpecJson);
        var data = await TrainingDataLoader.LoadAsync(spec.Data, null, blobs, limits.Value, CancellationToken.None);
        var sha256 = Convert.ToHexStringLower(SHA256.HashData(data.Bytes));
        var container = blobs.GetBlobContainerClient(options.Value.SnapshotContainer);
        await container.CreateIfNotExistsAsync();
        var path = $"{input.Model}/{sha256}/{data.Name}";
        try
        {
            await container.GetBlobClient(path).UploadAsync(
                new BinaryData(data.Bytes), new BlobUploadOptions { Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All } });
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            // The same bytes were snapshotted before (a rerun, or an earlier run on the same file): the copy is already there.
        }

        return new TrainingSnapshot($"{container.Name}/{path}", sha256, data.Bytes.LongLength, spec.Data.Blob!, data.Version);
    }
}
