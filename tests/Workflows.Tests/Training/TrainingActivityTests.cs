using System.Security.Cryptography;
using Azure.Storage.Blobs;
using Microsoft.DurableTask;
using Microsoft.Extensions.Options;
using Moq;
using Serverless.Core.Models;
using Serverless.Testing;
using Serverless.Training;
using Serverless.Training.Spec;
using Serverless.Workflows.Training;

namespace Serverless.Workflows.Tests.Training;

/// <summary>The training activities on real Azurite: snapshots are immutable and content-addressed; reruns register once.</summary>
public class TrainingActivityTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private static readonly TaskActivityContext Activity = Mock.Of<TaskActivityContext>();

    [Fact]
    public async Task Snapshot_RunTwiceThenSourceChanges_OneImmutableCopyOfTheHashedBytes()
    {
        var (blobs, source, request, snapshots) = await SetUpAsync();
        var bytes = await File.ReadAllBytesAsync(RepositoryPaths.BankChurnCsv);

        var first = await snapshots.RunAsync(Activity, request);
        var second = await snapshots.RunAsync(Activity, request);
        await source.UploadAsync(BinaryData.FromString("changed,afterwards\n1,2\n"), overwrite: true);

        Assert.Equal(first, second);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(bytes)), first.Sha256);
        Assert.Equal(bytes.LongLength, first.Bytes);
        Assert.Equal($"{source.BlobContainerName}/{source.Name}", first.Source);
        var slash = first.Blob.IndexOf('/', StringComparison.Ordinal);
        var copy = await blobs.GetBlobContainerClient(first.Blob[..slash]).GetBlobClient(first.Blob[(slash + 1)..]).DownloadContentAsync();
        Assert.Equal(bytes, copy.Value.Content.ToArray());
    }

    [Fact]
    public async Task TrainCandidate_RunTwiceWithOneRunId_RegistersOneVersion_FirstBecomesChampion()
    {
        var (blobs, _, request, snapshots) = await SetUpAsync();
        var registry = new BlobModelRegistry(blobs, Options.Create(new RegistryOptions { Container = AzuriteFixture.UniqueName("models") }), TimeProvider.System);
        var (deployments, audit) = TestDeployments.Create(azurite, registry);
        var train = new TrainCandidateActivity(blobs, registry, deployments, Options.Create(new TrainingOptions()));
        var input = new TrainCandidateInput(request, await snapshots.RunAsync(Activity, request), "run-1");

        var first = await train.RunAsync(Activity, input);
        var rerun = await train.RunAsync(Activity, input);
        var another = await train.RunAsync(Activity, input with { RunId = "run-2" });

        Assert.Equal((1, true), (first.Version, first.Champion));
        Assert.Equal(first.Version, rerun.Version);
        Assert.Equal((2, false), (another.Version, another.Champion));
        Assert.Equal(2, (await registry.ListVersionsAsync("churn")).Count);
        var lineage = (await registry.GetManifestAsync("churn", 1))!.Lineage;
        Assert.Equal("run-1", lineage.Parameters[TrainCandidateActivity.RunParameter]);
        Assert.Equal(input.Snapshot.Sha256, lineage.TrainingDataSha256);
        Assert.Equal("7", lineage.Parameters["parentVersion"]);
        Assert.Equal("ada", lineage.Parameters["requestedBy"]);
        Assert.True(first.Metrics["auc"] > 0.7, $"auc {first.Metrics["auc"]}");
        var registered = Assert.Single(await audit.ReadAsync("churn", 10)); // The first champion is audited, once.
        Assert.Equal(("register", "ada", "none"), (registered.Action, registered.By, registered.From));
    }

    [Fact]
    public async Task Snapshot_LocalPathSpec_RefusedNamingDataBlob()
    {
        var (_, _, request, snapshots) = await SetUpAsync();

        var error = await Assert.ThrowsAsync<TrainingSpecException>(() => snapshots.RunAsync(Activity, request with
        {
            SpecJson = """{ "data": { "path": "x.csv" }, "label": "churn", "task": "binary" }""",
        }));

        Assert.Contains("'data.blob'", error.Message);
    }

    private async Task<(BlobServiceClient Blobs, BlobClient Source, TrainModelRequest Request, SnapshotTrainingDataActivity Snapshots)> SetUpAsync()
    {
        var blobs = new BlobServiceClient(azurite.ConnectionString);
        var container = blobs.GetBlobContainerClient(AzuriteFixture.UniqueName("data"));
        await container.CreateAsync();
        var source = container.GetBlobClient("bank.csv");
        await source.UploadAsync(RepositoryPaths.BankChurnCsv);
        var spec = $$"""{ "data": { "blob": "{{container.Name}}/bank.csv" }, "label": "churn", "task": "binary", "ignore": ["customer_id"], "trainer": { "trees": 10 } }""";
        var options = Options.Create(new TrainingWorkflowOptions { SnapshotContainer = AzuriteFixture.UniqueName("snapshots") });
        return (blobs, source, new TrainModelRequest("churn", spec, "ada", "manual", 7), new SnapshotTrainingDataActivity(blobs, Options.Create(new TrainingOptions()), options));
    }
}
