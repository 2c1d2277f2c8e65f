using Azure.Data.Tables;
using Microsoft.Extensions.Options;
using Serverless.Core.Models;
using Serverless.Core.Monitoring.Review;
using Serverless.Testing;

namespace Serverless.Core.Tests.Monitoring.Review;

/// <summary>The review queue on real Azurite: order, paging with continuation tokens, counting, removal and expiry.</summary>
public class ReviewQueueStoreTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private static readonly DateTimeOffset Start = new(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);

    private ReviewQueueStore Store() =>
        new(new TableServiceClient(azurite.ConnectionString), Options.Create(new ReviewOptions { Table = AzuriteFixture.UniqueName("review") }));

    private static ReviewItem Item(int i, string model = "churn") => new(
        model, $"{Start.AddSeconds(i):yyyyMMddHHmmss}-r{i}|000000", 1, $"r{i}", 0, Start.AddSeconds(i), AutomationLevel.Partial, "1", 0.6, 0.6, "champion", null);

    [Fact]
    public async Task PageAsync_SevenItemsPagesOfThree_OldestFirstEachOnce()
    {
        var store = Store();
        await store.AddAsync(Enumerable.Range(0, 7).Reverse().Select(i => Item(i)).Append(Item(0, model: "other")));

        var seen = new List<string>();
        string? continuation = null;
        var pages = 0;
        do
        {
            var (items, next) = await store.PageAsync("churn", 3, continuation);
            Assert.InRange(items.Count, 1, 3);
            seen.AddRange(items.Select(i => i.RequestId));
            continuation = next;
            pages++;
        }
        while (continuation is not null && pages < 10);

        Assert.Equal(Enumerable.Range(0, 7).Select(i => $"r{i}"), seen);
        Assert.Equal(3, pages);
        Assert.Equal(7, await store.CountAsync("churn"));
    }

    [Fact]
    public async Task PageAsync_TamperedContinuation_FormatException()
    {
        await Assert.ThrowsAsync<FormatException>(() => Store().PageAsync("churn", 3, "not*base64url!"));
    }

    [Fact]
    public async Task RemoveAndPurge_ItemsLeaveTheQueue_MissingKeysIgnored()
    {
        var store = Store();
        await store.AddAsync(Enumerable.Range(0, 4).Select(i => Item(i)));

        await store.RemoveAsync("churn", [Item(1).Key, Item(1).Key, "gone|000000"]);
        var purged = await store.PurgeAsync(Start.AddSeconds(2)); // r0 only: r1 is gone already

        Assert.Equal(1, purged);
        Assert.False(await store.ContainsAsync("churn", Item(0).Key));
        var (items, next) = await store.PageAsync("churn", 10, null);
        Assert.Equal(["r2", "r3"], items.Select(i => i.RequestId));
        Assert.Null(next);
        Assert.Equal((AutomationLevel.Partial, 0.6, "champion"), (items[0].Level, items[0].Confidence!.Value, items[0].RouteReason));
    }
}
