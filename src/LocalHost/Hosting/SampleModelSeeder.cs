using Azure;
using Azure.Storage.Blobs;
using Microsoft.Extensions.Options;
using Serverless.Core.Models;
using Serverless.Core.Rollout;
using Serverless.Training;
using Serverless.Training.Spec;
using Serverless.Training.Synthetic;

namespace Serverless.LocalHost.Hosting;

/// <summary>
/// On first start with an empty registry: generates a synthetic churn data set, uploads it (so the lineage
/// points at real storage), trains a gradient-boosted model, exports it to ONNX, registers it as version 1
/// and makes it the champion. Runs before the server listens, so a printed URL answers at once.
/// </summary>
/// <remarks>Idempotent: a registry that already holds the sample model is left as it is.</remarks>
internal sealed partial class SampleModelSeeder(
    IModelRegistry registry,
    BlobServiceClient blobs,
    IOptions<LocalHostOptions> options,
    DeploymentService deployments,
    ILogger<SampleModelSeeder> logger) : IHostedService
{
    private const string DatasetContainer = "datasets";
    private const int SampleRows = 20_000;
    private const int SampleSeed = 42;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var name = options.Value.SampleModelName;
        if (!options.Value.SeedSampleModel)
        {
            return;
        }

        var versions = await registry.ListVersionsAsync(name, cancellationToken);
        if (versions.Count > 0)
        {
            Log.AlreadySeeded(logger, name, versions.Count);
            return;
        }

        Log.Seeding(logger, name, SampleRows);
        var csv = Path.Combine(Path.GetTempPath(), $"churn-synthetic-{Guid.NewGuid():N}.csv");
        try
        {
            SyntheticChurnGenerator.Write(csv, new SyntheticChurnOptions { Rows = SampleRows, Seed = SampleSeed });
            var dataset = blobs.GetBlobContainerClient(DatasetContainer);
            await dataset.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
            var blob = dataset.GetBlobClient($"{name}/synthetic-seed{SampleSeed}-{SampleRows}.csv");
            try
            {
                // Never replace it: the file is the same for the same seed and rows, and another host seeding against the
                // same account may be reading it right now (an overwrite changes its ETag under that read).
                await blob.UploadAsync(csv, overwrite: false, cancellationToken);
            }
            catch (RequestFailedException e) when (e.Status == 409)
            {
            }

            // Trained from the uploaded blob, so the lineage names (and hashes) the copy in the storage account.
            var result = await Task.Run(() => new ModelTrainer().LoadAndTrainAsync(new TrainingSpec
            {
                Data = new DataSpec { Blob = $"{DatasetContainer}/{blob.Name}" },
                Label = SyntheticChurnGenerator.LabelColumn,
                Task = TrainingTask.Binary,
                Ignore = [SyntheticChurnGenerator.IdColumn],
            }, null, blobs, null, cancellationToken), cancellationToken);

            var manifest = await deployments.RegisterAsync(result.ToRegistration(name, "localhost-seed"), cancellationToken);
            Log.Seeded(logger, name, manifest.Version, result.Metrics["auc"], result.Metrics["accuracy"]);
        }
        finally
        {
            File.Delete(csv);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Information, Message = "Registry already holds {Model} ({Versions} versions); not seeding")]
        public static partial void AlreadySeeded(ILogger logger, string model, int versions);

        [LoggerMessage(Level = LogLevel.Information, Message = "Empty registry: training sample model {Model} on {Rows} synthetic rows")]
        public static partial void Seeding(ILogger logger, string model, int rows);

        [LoggerMessage(Level = LogLevel.Information, Message = "Registered {Model} version {Version} as champion (holdout AUC {Auc:0.000}, accuracy {Accuracy:0.000})")]
        public static partial void Seeded(ILogger logger, string model, int version, double auc, double accuracy);
    }
}
