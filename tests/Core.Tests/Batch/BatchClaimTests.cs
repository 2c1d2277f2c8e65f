using Azure;
using Azure.Storage.Blobs.Specialized;
using Moq;
using Serverless.Core.Batch;
using Serverless.Testing;

namespace Serverless.Core.Tests.Batch;

public class BatchClaimTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private const string Name = "churn/x.csv";

    private BatchTestContext Context(SumModel? model = null) =>
        BatchTestContext.Create(azurite.ConnectionString, new FixedModelProvider(model ?? SumModel.Create("churn", features: BatchFiles.Features)));

    [Fact]
    public async Task Lost_LeaseBrokenFromOutside_IsCancelledAndEnsureHeldThrows()
    {
        var context = Context();
        var etag = (await context.UploadAsync(Name, BatchFiles.Csv(1))).ToString();
        var claim = (await context.Receipts.TryClaimAsync(Name, etag, CancellationToken.None)).Claim!;

        await BreakLeaseAsync(context, etag);

        // The renewal runs every ClaimSeconds / 3 (5 s); its first failure must cancel Lost.
        await WaitForLostAsync(claim, TimeSpan.FromSeconds(15));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => claim.EnsureHeldAsync(CancellationToken.None));
        await claim.DisposeAsync();
    }

    /// <summary>Azurite cannot make the SDK exhaust its retries; a mocked lease client throws what Azure.Core throws then.</summary>
    [Fact]
    public async Task DisposeAsync_RenewalFailsWithAggregateException_ReportsLostAndDoesNotThrow()
    {
        var outage = new AggregateException("Retry failed after 4 tries.", new RequestFailedException("connection refused"));
        var lease = new Mock<BlobLeaseClient>();
        lease.Setup(l => l.RenewAsync(It.IsAny<RequestConditions>(), It.IsAny<CancellationToken>())).ThrowsAsync(outage);
        lease.Setup(l => l.ReleaseAsync(It.IsAny<RequestConditions>(), It.IsAny<CancellationToken>())).ThrowsAsync(outage);
        var receipt = Context().Storage.Receipts.GetBlobClient("unused.json");
        var claim = new BatchClaim(receipt, lease.Object, TimeSpan.FromMilliseconds(300), Name, "etag");

        await WaitForLostAsync(claim, TimeSpan.FromSeconds(10));

        await claim.DisposeAsync();
        lease.Verify(l => l.ReleaseAsync(It.IsAny<RequestConditions>(), It.IsAny<CancellationToken>()), Times.Once);
    }

    [Fact]
    public async Task ScoreAsync_LeaseBrokenWhileScoring_PublishesNothing()
    {
        BatchTestContext? context = null;
        string? etag = null;
        var model = new SumModel(SumModel.Create("churn", features: BatchFiles.Features).Manifest)
        {
            // Another party breaks the lease mid-file: the worker no longer owns the version.
            BeforeBatch = n => { if (n == 5) BreakLeaseAsync(context!, etag!).GetAwaiter().GetResult(); },
        };
        context = Context(model);
        etag = (await context.UploadAsync(Name, BatchFiles.Csv(2000))).ToString();

        await Assert.ThrowsAnyAsync<Exception>(() => context.Handler.ScoreAsync(new BatchRequest(Name), CancellationToken.None));

        Assert.False(await context.Storage.Output.GetBlobClient(Name).ExistsAsync());
        Assert.False(await context.Storage.Output.GetBlobClient(Name + ".summary.json").ExistsAsync());
        var receipt = await context.Receipts.GetAsync(Name, etag, CancellationToken.None);
        Assert.False(receipt!.Value.Receipt.IsFinal);
    }

    private static Task BreakLeaseAsync(BatchTestContext context, string etag) =>
        context.Storage.Receipts.GetBlobClient(BatchReceiptStore.NameFor(Name, etag)).GetBlobLeaseClient().BreakAsync(TimeSpan.Zero);

    private static async Task WaitForLostAsync(BatchClaim claim, TimeSpan timeout)
    {
        var lost = new TaskCompletionSource();
        await using var registration = claim.Lost.Register(() => lost.TrySetResult());
        await lost.Task.WaitAsync(timeout);
    }
}
