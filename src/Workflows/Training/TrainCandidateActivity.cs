using System.Globalization;
using Azure.Storage.Blobs;
using Microsoft.DurableTask;
using Microsoft.Extensions.Options;
using Serverless.Core.Models;
using Serverless.Core.Rollout;
using Serverless.Training;

namespace Serverless.Workflows.Training;

/// <summary>
/// Trains on a snapshot, exports to ONNX, evaluates on the holdout and registers the version with its lineage
/// (data snapshot, spec, parent version, who asked and why, code version). A model's first version becomes its champion.
/// </summary>
/// <remarks>
/// Idempotent: the run id is in the lineage, and a rerun that finds a version with it returns that version instead of
/// registering a second one. Training is CPU-bound, so it runs on the thread pool, off the worker's dispatch loop.
/// </remarks>
public sealed class TrainCandidateActivity(
    BlobServiceClient blobs, IModelRegistry registry, DeploymentService deployments, IOptions<TrainingOptions> limits)
    : TaskActivity<TrainCandidateInput, TrainedVersion>
{
    /// <summary>The lineage parameter that names the workflow instance a version came from.</summary>
    public const string RunParameter = "trainingRun";

    public override async Task<TrainedVersion> RunAsync(TaskActivityContext context, TrainCandidateInput input)
    {
        var request = input.Request;
        if (await FindRunAsync(request.Model, input.RunId) is { } existing)
        {
            return await DescribeAsync(existing);
        }

        var spec = WorkflowTrainingSpec.Read(request.SpecJson);
        spec = spec with { Data = spec.Data with { Blob = input.Snapshot.Blob, Path = null } };
        var result = await Task.Run(() => new ModelTrainer(limits.Value).LoadAndTrainAsync(spec, null, blobs));

        var parameters = new Dictionary<string, string>(result.Lineage.Parameters)
        {
            [RunParameter] = input.RunId,
            ["requestedBy"] = request.RequestedBy,
            ["reason"] = request.Reason,
            ["sourceBlob"] = input.Snapshot.Source,
        };
        if (input.Snapshot.SourceVersion is { } sourceVersion)
        {
            parameters["sourceVersion"] = sourceVersion;
        }

        if (request.ParentVersion is { } parent)
        {
            parameters["parentVersion"] = parent.ToString(CultureInfo.InvariantCulture);
        }

        var registration = result.ToRegistration(request.Model, request.RequestedBy);
        var manifest = await deployments.RegisterAsync(registration with { Lineage = result.Lineage with { Parameters = parameters } });
        return await DescribeAsync(manifest);
    }

    private async Task<ModelManifest?> FindRunAsync(string model, string runId) =>
        (await registry.ListVersionsAsync(model)).LastOrDefault(m =>
            m.Lineage.Parameters.TryGetValue(RunParameter, out var run) && run == runId);

    private async Task<TrainedVersion> DescribeAsync(ModelManifest manifest)
    {
        var deployment = await registry.GetDeploymentAsync(manifest.Name);
        return new TrainedVersion(
            manifest.Name, manifest.Version, deployment?.Champion == manifest.Version, manifest.Metrics, manifest.Lineage.TrainingDataSha256 ?? "");
    }
}
