using Azure.Storage.Blobs.Specialized;
using Serverless.Core.Batch;
using Serverless.Testing;

namespace Serverless.Core.Tests.Batch;

public class BatchExactlyOnceTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private const string Name = "churn/x.csv";

    private BatchTestContext Context(SumModel? model = null) =>
        BatchTestContext.Create(azurite.ConnectionString, new FixedModelProvider(model ?? SumModel.Create("churn", features: BatchFiles.Features)));

    [Theory]
    [InlineData(Name)]
    [InlineData("churn/x.parquet")]
    public async Task ScoreAsync_SameVersionTriggeredTwice_PublishesOnce(string name)
    {
        var context = Context();
        await context.UploadAsync(name, name == Name ? System.Text.Encoding.UTF8.GetBytes(BatchFiles.Csv(200)) : await BatchFiles.ParquetAsync(200, 64));
        await context.Handler.ScoreAsync(new BatchRequest(name), CancellationToken.None);
        var output = await context.Storage.Output.GetBlobClient(name).GetPropertiesAsync();
        var summary = await context.Storage.Output.GetBlobClient(name + ".summary.json").GetPropertiesAsync();

        var second = await context.Handler.ScoreAsync(new BatchRequest(name), CancellationToken.None);

        Assert.Equal(BatchOutcomeKind.Duplicate, second.Kind);
        Assert.Equal(200, second.Summary!.RowsScored);
        Assert.Equal(output.Value.ETag, (await context.Storage.Output.GetBlobClient(name).GetPropertiesAsync()).Value.ETag);
        Assert.Equal(summary.Value.ETag, (await context.Storage.Output.GetBlobClient(name + ".summary.json").GetPropertiesAsync()).Value.ETag);
    }

    [Fact]
    public async Task ScoreAsync_ReuploadWithNewETag_ScoresAgain()
    {
        var context = Context();
        await context.UploadAsync(Name, BatchFiles.Csv(10));
        await context.Handler.ScoreAsync(new BatchRequest(Name), CancellationToken.None);
        await context.UploadAsync(Name, BatchFiles.Csv(20));

        var outcome = await context.Handler.ScoreAsync(new BatchRequest(Name), CancellationToken.None);

        Assert.Equal(BatchOutcomeKind.Completed, outcome.Kind);
        Assert.Equal(20, (await context.ReadSummaryAsync(Name)).RowsScored);
        Assert.Equal(21, BatchFiles.ReadCsv((await context.ReadOutputAsync(Name))!).Count);
    }

    [Fact]
    public async Task ScoreAsync_ConcurrentTriggersOfOneVersion_ExactlyOneScores()
    {
        var context = Context();
        await context.UploadAsync(Name, BatchFiles.Csv(3000));

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ =>
            Task.Run(() => context.Handler.ScoreAsync(new BatchRequest(Name), CancellationToken.None))));

        Assert.Single(outcomes, o => o.Kind == BatchOutcomeKind.Completed);
        Assert.All(outcomes, o => Assert.Contains(o.Kind, new[] { BatchOutcomeKind.Completed, BatchOutcomeKind.Busy, BatchOutcomeKind.Duplicate }));
        Assert.Equal(3001, BatchFiles.ReadCsv((await context.ReadOutputAsync(Name))!).Count);
    }

    [Fact]
    public async Task ScoreAsync_ConcurrentFiles_EachScoredCompletely()
    {
        var context = Context();
        var names = Enumerable.Range(0, 4).Select(i => $"churn/part-{i}.csv").ToArray();
        for (var i = 0; i < names.Length; i++)
        {
            await context.UploadAsync(names[i], BatchFiles.Csv(500 + i * 100));
        }

        var outcomes = await Task.WhenAll(names.Select(n => Task.Run(() => context.Handler.ScoreAsync(new BatchRequest(n), CancellationToken.None))));

        Assert.All(outcomes, o => Assert.Equal(BatchOutcomeKind.Completed, o.Kind));
        for (var i = 0; i < names.Length; i++)
        {
            Assert.Equal(500 + i * 100, (await context.ReadSummaryAsync(names[i])).RowsScored);
            Assert.Equal(501 + i * 100, BatchFiles.ReadCsv((await context.ReadOutputAsync(names[i]))!).Count);
        }
    }

    [Fact]
    public async Task ScoreAsync_ClaimHeldByAnotherWorker_IsBusyAndPublishesNothing()
    {
        var context = Context();
        var etag = await context.UploadAsync(Name, BatchFiles.Csv(10));
        var claim = await context.Receipts.TryClaimAsync(Name, etag.ToString(), CancellationToken.None);
        Assert.NotNull(claim.Claim);

        var outcome = await context.Handler.ScoreAsync(new BatchRequest(Name), CancellationToken.None);

        Assert.Equal(BatchOutcomeKind.Busy, outcome.Kind);
        Assert.Null(await context.ReadOutputAsync(Name));
        await claim.Claim!.DisposeAsync();
        Assert.Equal(BatchOutcomeKind.Completed, (await context.Handler.ScoreAsync(new BatchRequest(Name), CancellationToken.None)).Kind);
    }

    /// <summary>Fault injected at a stream boundary (the 41st ONNX batch, after blocks were staged); the real kill -9 test is in LocalHost.Tests.</summary>
    [Fact]
    public async Task ScoreAsync_FailureMidFile_PublishesNothingAndRetryCompletes()
    {
        var manifest = SumModel.Create("churn", features: BatchFiles.Features).Manifest;
        var broken = new SumModel(manifest) { BeforeBatch = n => { if (n == 40) throw new InvalidOperationException("injected"); } };
        var context = BatchTestContext.Create(azurite.ConnectionString, new FixedModelProvider(broken), o => o.BlockSizeBytes = 64 * 1024);
        await context.UploadAsync(Name, BatchFiles.Csv(5000));

        await Assert.ThrowsAsync<InvalidOperationException>(() => context.Handler.ScoreAsync(new BatchRequest(Name), CancellationToken.None));

        Assert.False(await context.Storage.Output.GetBlobClient(Name).ExistsAsync());
        Assert.False(await context.Storage.Output.GetBlobClient(Name + ".summary.json").ExistsAsync());
        var staged = await context.Storage.Output.GetBlockBlobClient(Name).GetBlockListAsync(Azure.Storage.Blobs.Models.BlockListTypes.Uncommitted);
        Assert.NotEmpty(staged.Value.UncommittedBlocks);
        var receipt = await context.Receipts.GetAsync(Name, (await context.Storage.Input.GetBlobClient(Name).GetPropertiesAsync()).Value.ETag.ToString(), CancellationToken.None);
        Assert.Equal((BatchStatus.Failed, false), (receipt!.Value.Receipt.Status, receipt.Value.Leased));
        var retry = new BatchScoringHandler(context.Storage, context.Receipts, new FixedModelProvider(new SumModel(manifest)),
            Microsoft.Extensions.Options.Options.Create(context.Options), TimeProvider.System,
            Microsoft.Extensions.Logging.Abstractions.NullLogger<BatchScoringHandler>.Instance);

        var outcome = await retry.ScoreAsync(new BatchRequest(Name), CancellationToken.None);

        Assert.Equal(BatchOutcomeKind.Completed, outcome.Kind);
        Assert.Equal(5001, BatchFiles.ReadCsv((await context.ReadOutputAsync(Name))!).Count);
    }
}
