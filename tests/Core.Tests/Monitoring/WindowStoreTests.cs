using Azure.Data.Tables;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Serverless.Core.Monitoring;
using Serverless.Core.Scoring;
using Serverless.Core.Tests.Scoring.TestModels;
using Serverless.Testing;

namespace Serverless.Core.Tests.Monitoring;

/// <summary>Window rows on real Azurite Table Storage.</summary>
public class WindowStoreTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private static readonly DateTimeOffset Minute = new(2026, 12, 1, 20, 15, 0, TimeSpan.Zero);

    private WindowStore NewStore(out IOptions<MonitoringOptions> options)
    {
        options = Options.Create(new MonitoringOptions { WindowTable = AzuriteFixture.UniqueName("windows"), FlushInterval = TimeSpan.FromSeconds(1) });
        return new WindowStore(new TableServiceClient(azurite.ConnectionString), options);
    }

    [Fact]
    public async Task ReadAsync_TwoInstancesSameMinute_MergesExactly()
    {
        var store = NewStore(out _);
        var (a, b) = (Window(5, 3), Window(7, 1));
        await store.WriteAsync(new WindowKey("churn", 1, Minute), "instance-a", a);
        await store.WriteAsync(new WindowKey("churn", 1, Minute), "instance-b", b);

        var version = Assert.Single(await store.ReadAsync("churn", Minute, Minute.AddMinutes(1)));

        var minute = Assert.Single(version.Minutes);
        Assert.Equal(2, minute.Instances);
        Assert.Equal(12, minute.Aggregate.Requests);
        Assert.Equal(4, minute.Aggregate.Errors[ScoringErrorKinds.InvalidInput]);
        Assert.Equal([0L, 8, 0], minute.Aggregate.Features["age"].Values.Counts); // 2 + 6 scored rows
    }

    [Fact]
    public async Task WriteAsync_SameInstanceTwice_ReplacesRatherThanAdds()
    {
        var store = NewStore(out _);
        await store.WriteAsync(new WindowKey("churn", 1, Minute), "instance-a", Window(5, 0));
        await store.WriteAsync(new WindowKey("churn", 1, Minute), "instance-a", Window(9, 0)); // the running total grew

        var version = Assert.Single(await store.ReadAsync("churn", Minute, Minute.AddMinutes(1)));

        Assert.Equal(9, version.Total.Requests);
    }

    [Fact]
    public async Task ReadAsync_RangeAndVersion_ReturnsOnlyThoseMinutesAndVersions()
    {
        var store = NewStore(out _);
        await store.WriteAsync(new WindowKey("churn", 1, Minute.AddMinutes(-1)), "a", Window(1, 0));
        await store.WriteAsync(new WindowKey("churn", 1, Minute), "a", Window(2, 0));
        await store.WriteAsync(new WindowKey("churn", 2, Minute), "a", Window(4, 0));
        await store.WriteAsync(new WindowKey("churn", 1, Minute.AddMinutes(1)), "a", Window(8, 0));
        await store.WriteAsync(new WindowKey("other", 1, Minute), "a", Window(16, 0));

        var all = await store.ReadAsync("churn", Minute, Minute.AddMinutes(1));
        var onlyTwo = await store.ReadAsync("churn", Minute.AddMinutes(-5), Minute.AddMinutes(5), version: 2);
        var mid = await store.ReadAsync("churn", Minute.AddSeconds(30), Minute.AddSeconds(90)); // minutes starting in [20:15, 20:16:30)

        Assert.Equal([1, 2], all.Select(v => v.Version));
        Assert.Equal([2L, 4], all.Select(v => v.Total.Requests));
        Assert.Equal(4, Assert.Single(onlyTwo).Total.Requests);
        Assert.Equal(10, mid.Single(v => v.Version == 1).Total.Requests);
    }

    [Fact]
    public async Task WriteAsync_LargeAggregate_SplitsAndReadsBack()
    {
        var store = NewStore(out _);
        var window = Window(1, 0);
        for (var i = 0; i < 3000; i++)
        {
            window.Classes[$"class-{i:D5}"] = i; // ~70 KB of JSON: more than one table property holds
        }

        await store.WriteAsync(new WindowKey("churn", 1, Minute), "a", window);

        var read = Assert.Single(await store.ReadAsync("churn", Minute, Minute.AddMinutes(1))).Total;
        Assert.Equal(3001, read.Classes.Count); // plus class "0" of the recorded row
        Assert.Equal(2999, read.Classes["class-02999"]);
    }

    [Fact]
    public async Task FlushAsync_RecordedRequests_AreReadableAndNotDoubleCountedOnReflush()
    {
        var store = NewStore(out var options);
        var time = new ManualTimeProvider();
        var recorder = MonitoringTestData.Recorder(time);
        using var flusher = new WindowFlusher(recorder, store, time, options, NullLogger<WindowFlusher>.Instance);
        var manifest = MonitoringTestData.Manifest();
        MonitoringTestData.Record(recorder, manifest, (20, 0, 0.1f), (40, 1, 0.9f));

        Assert.Equal(1, await flusher.FlushAsync());
        Assert.Equal(0, await flusher.FlushAsync()); // nothing changed: nothing rewritten
        MonitoringTestData.Record(recorder, manifest, (60, 1, 0.9f));
        time.Advance(TimeSpan.FromMinutes(3));
        MonitoringTestData.Record(recorder, manifest, (60, 1, 0.9f));
        await flusher.FlushAsync();
        await flusher.FlushAsync();

        var now = time.GetUtcNow();
        var version = Assert.Single(await store.ReadAsync("churn", now.AddMinutes(-10), now.AddMinutes(1)));
        Assert.Equal(2, version.Minutes.Count);
        Assert.Equal([3L, 1], version.Minutes.Select(m => m.Aggregate.Records));
        Assert.Equal(4, version.Total.Records);
        Assert.Equal(1, recorder.Recent("churn", 1)!.Records); // the closed, written minute was released from memory
    }

    /// <summary>A window of <paramref name="requests"/> one-row requests (age 40) and some invalid-input errors.</summary>
    private static WindowAggregate Window(int requests, int errors)
    {
        var recorder = MonitoringTestData.Recorder(new ManualTimeProvider());
        var manifest = MonitoringTestData.Manifest();
        for (var i = 0; i < requests - errors; i++)
        {
            MonitoringTestData.Record(recorder, manifest, (40, 0, 0.3f));
        }

        for (var i = 0; i < errors; i++)
        {
            recorder.RecordFailed(manifest, ScoringEndpoints.Records, ScoringErrorKinds.InvalidInput, new ScoringTimings(TimeSpan.FromMilliseconds(1)));
        }

        return recorder.Recent("churn", 1)!;
    }
}
