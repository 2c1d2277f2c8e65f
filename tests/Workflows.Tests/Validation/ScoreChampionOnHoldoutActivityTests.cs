using System.Text;
using Azure.Storage.Blobs;
using Microsoft.DurableTask;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Moq;
using Serverless.Core.Models;
using Serverless.Core.Scoring;
using Serverless.Testing;
using Serverless.Training;
using Serverless.Training.Data;
using Serverless.Workflows.Training;
using Serverless.Workflows.Validation;

namespace Serverless.Workflows.Tests.Validation;

/// <summary>
/// The champion scored on the candidate's holdout, on real Azurite, ML.NET training and ONNX Runtime: the rows are the
/// candidate's own holdout (a model re-scored on its own holdout reproduces its manifest's metrics), the metrics come
/// from those rows and not from any manifest, and a champion that cannot read them says why.
/// </summary>
public sealed class ScoreChampionOnHoldoutActivityTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>, IDisposable
{
    private const string Spec = """{ "data": { "blob": "BLOB" }, "label": "churn", "task": "binary", "ignore": ["customer_id"], "trainer": { "trees": 20 } }""";
    private static readonly TaskActivityContext Activity = Mock.Of<TaskActivityContext>();

    private readonly BlobServiceClient _blobs = new(azurite.ConnectionString);
    private readonly BlobModelRegistry _registry = new(
        new BlobServiceClient(azurite.ConnectionString), Options.Create(new RegistryOptions { Container = AzuriteFixture.UniqueName("models") }), TimeProvider.System);

    private ModelProvider? _provider;

    private ModelProvider Models => _provider ??= new ModelProvider(_registry, Options.Create(new ScoringOptions()), NullLogger<ModelProvider>.Instance, TimeProvider.System);

    [Fact]
    public async Task RunAsync_ModelOnItsOwnHoldout_ReproducesTheMetricsTrainingReported_AndRerunsAgree()
    {
        var (request, snapshot) = await SnapshotAsync(await File.ReadAllBytesAsync(RepositoryPaths.BankChurnCsv));
        var trained = await TrainAsync(request, snapshot);

        var score = await Activity_().RunAsync(Activity, new ChampionHoldoutInput("churn", trained.Version, request.SpecJson, snapshot));
        var again = await Activity_().RunAsync(Activity, new ChampionHoldoutInput("churn", trained.Version, request.SpecJson, snapshot));

        Assert.Null(score.Problem);
        Assert.Equal((int)trained.Metrics["holdoutRows"], score.Rows);
        foreach (var metric in new[] { "auc", "accuracy", "precision", "recall", "logLoss" })
        {
            // ONNX Runtime's floats against ML.NET's: the same rows give the same numbers to rounding.
            Assert.True(Math.Abs(trained.Metrics[metric] - score.Metrics![metric]) < 1e-3, $"{metric}: trained {trained.Metrics[metric]}, re-scored {score.Metrics[metric]}");
        }

        Assert.Equal(score.Metrics!["auc"], again.Metrics!["auc"]);
    }

    [Fact]
    public async Task RunAsync_ChampionTrainedOnShuffledLabels_ScoresChanceOnTheHoldoutWhateverItsManifestClaims()
    {
        var original = await File.ReadAllBytesAsync(RepositoryPaths.BankChurnCsv);
        var (request, snapshot) = await SnapshotAsync(original);
        var spec = WorkflowTrainingSpec.Read(request.SpecJson);
        var shuffled = await new ModelTrainer().TrainAsync(spec, new TrainingData(ShuffleLabels(original), "file:///shuffled.csv", "shuffled.csv"));
        var claimed = new Dictionary<string, double>(shuffled.Metrics) { ["auc"] = 0.95, ["logLoss"] = 0.1 };
        var champion = await _registry.RegisterAsync(shuffled.ToRegistration("churn", "tests") with { Metrics = claimed });

        var score = await Activity_().RunAsync(Activity, new ChampionHoldoutInput("churn", champion.Version, request.SpecJson, snapshot));

        Assert.Null(score.Problem);
        Assert.Equal(0.95, (await _registry.GetManifestAsync("churn", champion.Version))!.Metrics["auc"]);
        Assert.InRange(score.Metrics!["auc"], 0.42, 0.58);
        Assert.True(score.Metrics["logLoss"] > 0.4, $"logLoss {score.Metrics["logLoss"]}");
    }

    [Fact]
    public async Task RunAsync_ChampionRequiresAFieldTheDataLacks_AnswersWhyInsteadOfFailing()
    {
        var (request, snapshot) = await SnapshotAsync(await File.ReadAllBytesAsync(RepositoryPaths.BankChurnCsv));
        var trained = await TrainAsync(request, snapshot);
        var manifest = (await _registry.GetManifestAsync("churn", trained.Version))!;
        var onnx = await _registry.GetVerifiedArtifactAsync(manifest);
        FeatureDefinition[] renamed = [manifest.Features!.Features[0] with { Name = "credit_rating", Required = true }, .. manifest.Features.Features.Skip(1)];
        var champion = await _registry.RegisterAsync(new ModelRegistration
        {
            Name = "churn", Onnx = onnx, Task = manifest.Task, ClassLabels = manifest.ClassLabels, Metrics = manifest.Metrics, CreatedBy = "tests",
            Features = manifest.Features with { Features = renamed },
        });

        var score = await Activity_().RunAsync(Activity, new ChampionHoldoutInput("churn", champion.Version, request.SpecJson, snapshot));

        Assert.Null(score.Metrics);
        Assert.Equal(champion.Version, score.Version);
        Assert.Matches(@"^\d+ of \d+ holdout rows do not encode \(line \d+: Field 'credit_rating' is required\.\)$", score.Problem);
    }

    public void Dispose() => _provider?.Dispose();

    private ScoreChampionOnHoldoutActivity Activity_() => new(_blobs, Models, Options.Create(new TrainingOptions()));

    private async Task<(TrainModelRequest Request, TrainingSnapshot Snapshot)> SnapshotAsync(byte[] data)
    {
        var container = _blobs.GetBlobContainerClient(AzuriteFixture.UniqueName("data"));
        await container.CreateAsync();
        await container.GetBlobClient("bank.csv").UploadAsync(BinaryData.FromBytes(data));
        var request = new TrainModelRequest("churn", Spec.Replace("BLOB", $"{container.Name}/bank.csv", StringComparison.Ordinal), "ada");
        var snapshots = new SnapshotTrainingDataActivity(_blobs, Options.Create(new TrainingOptions()),
            Options.Create(new TrainingWorkflowOptions { SnapshotContainer = AzuriteFixture.UniqueName("snapshots") }));
        return (request, await snapshots.RunAsync(Activity, request));
    }

    private async Task<TrainedVersion> TrainAsync(TrainModelRequest request, TrainingSnapshot snapshot)
    {
        var (deployments, _) = TestDeployments.Create(azurite, _registry);
        return await new TrainCandidateActivity(_blobs, _registry, deployments, Options.Create(new TrainingOptions()))
            .RunAsync(Activity, new TrainCandidateInput(request, snapshot, Guid.NewGuid().ToString("N")));
    }

    /// <summary>The file with its label column permuted (seeded): no feature predicts it any more.</summary>
    private static byte[] ShuffleLabels(byte[] csv)
    {
        var lines = Encoding.UTF8.GetString(csv).Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')).ToArray();
        var rows = lines.Skip(1).Select(l => l.Split(',')).ToArray();
        var labels = rows.Select(r => r[^1]).ToArray();
        new Random(11).Shuffle(labels);
        return Encoding.UTF8.GetBytes(string.Join('\n', rows.Select((r, i) => string.Join(',', r[..^1].Append(labels[i]))).Prepend(lines[0])) + "\n");
    }
}
