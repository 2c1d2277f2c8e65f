using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Serverless.Core.Monitoring.GroundTruth;
using Serverless.Core.Monitoring.Review;
using Serverless.Core.Scoring;
using Serverless.Core.Tests.Scoring.TestModels;
using Serverless.Testing;

namespace Serverless.Core.Tests.Monitoring.GroundTruth;

/// <summary>The prediction log, feedback join and live accuracy on real Azurite tables and blobs.</summary>
public class FeedbackServiceTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private static readonly DateTimeOffset Start = new(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);

    private sealed record Parts(PredictionLogStore Log, FeedbackService Feedback, AccuracyService Accuracy, BlobContainerClient Container);

    private Parts Create(int maxBulk = 1000)
    {
        var registry = new InMemoryModelRegistry();
        registry.Put(MonitoringTestData.Manifest(version: 1));
        registry.Put(MonitoringTestData.Manifest(version: 2));
        var tables = new TableServiceClient(azurite.ConnectionString);
        var blobs = new BlobServiceClient(azurite.ConnectionString);
        var log = new PredictionLogStore(tables, Options.Create(new PredictionLogOptions { Table = AzuriteFixture.UniqueName("log") }));
        var options = Options.Create(new FeedbackOptions
        {
            Table = AzuriteFixture.UniqueName("feedback"), Container = AzuriteFixture.UniqueName("feedback"), MaxBulkLabels = maxBulk,
        });
        var store = new FeedbackStore(tables, options);
        var container = blobs.GetBlobContainerClient(options.Value.Container);
        container.CreateIfNotExists();
        var reviews = new ReviewQueueStore(tables, Options.Create(new ReviewOptions { Table = AzuriteFixture.UniqueName("review") }));
        return new Parts(log, new FeedbackService(registry, log, store, reviews, blobs, options, TimeProvider.System), new AccuracyService(registry, store, options), container);
    }

    private static LoggedPrediction Logged(string id, int version, string? variant, string label, double score, int minute = 0) =>
        new("churn", version, id, 0, Start.AddMinutes(minute), ScoringEndpoints.Records, label, score, variant is null ? "champion" : "ab", variant, new string('0', 64));

    [Fact]
    public async Task AddAsync_LoggedAndUnknownIds_JoinsMatchedReportsTheRest()
    {
        var parts = Create();
        await parts.Log.WriteAsync([Logged("a", 1, null, "1", 0.9), Logged("b", 1, null, "0", 0.2)]);

        var outcome = await parts.Feedback.AddAsync("churn", [new("a", 0, "1"), new("b", 0, "1"), new("nope", 0, "1"), new("a", 3, "1"), new("b", 0, "maybe")]);

        Assert.Equal(FeedbackOutcomeKind.Done, outcome.Kind);
        var result = outcome.Result!;
        Assert.Equal((5, 2, 2, 1), (result.Received, result.Matched, result.Unmatched, result.Rejected));
        Assert.Equal(["a", "nope"], result.UnmatchedIds.Order());
        Assert.Contains("'maybe' is not a class", Assert.Single(result.Errors), StringComparison.Ordinal);
        var report = (await parts.Accuracy.GetAsync("churn", Start, Start.AddHours(1), null, TimeSpan.FromHours(1)))!;
        var group = Assert.Single(report.Groups);
        Assert.Equal((1, null, 2, 0.5), (group.Version, group.Variant, group.Total.Samples, group.Total.Accuracy));
    }

    [Fact]
    public async Task GetAsync_VersionsVariantsAndWindows_GroupsWithSampleCounts()
    {
        var parts = Create();
        await parts.Log.WriteAsync(
        [
            Logged("v1a", 1, "A", "1", 0.8, minute: 5), Logged("v1b", 1, "B", "0", 0.3, minute: 5), Logged("v1c", 1, "B", "1", 0.6, minute: 70),
            Logged("v2a", 2, null, "1", 0.7, minute: 10),
        ]);
        await parts.Feedback.AddAsync("churn", [new("v1a", 0, "1"), new("v1b", 0, "1"), new("v1c", 0, "1"), new("v2a", 0, "0")]);
        // The same labels again change nothing: rows are replaced, not added.
        await parts.Feedback.AddAsync("churn", [new("v1a", 0, "1"), new("v1b", 0, "1")]);

        var report = (await parts.Accuracy.GetAsync("churn", Start, Start.AddHours(2), null, TimeSpan.FromHours(1)))!;

        Assert.False(report.Truncated);
        Assert.Equal([(1, null), (1, "A"), (1, "B"), (2, null)], report.Groups.Select(g => (g.Version, g.Variant)));
        var v1 = report.Groups[0];
        Assert.Equal(3, v1.Total.Samples);
        Assert.Equal(2.0 / 3, v1.Total.Accuracy!.Value, 12);
        Assert.Equal(1.0, v1.Total.Precision); // predicted 1 twice, both true
        Assert.Equal(2.0 / 3, v1.Total.Recall!.Value, 12);
        Assert.Equal([(Start, 2), (Start.AddHours(1), 1)], v1.Windows.Select(w => (w.Start, w.Metrics.Samples)));
        Assert.Equal(0.5, report.Groups[2].Total.Accuracy); // variant B: one right of two
        Assert.Equal(0.0, report.Groups[3].Total.Accuracy);
        var onlyV2 = (await parts.Accuracy.GetAsync("churn", Start, Start.AddHours(2), 2, TimeSpan.FromHours(1)))!;
        Assert.Equal(2, Assert.Single(onlyV2.Groups).Version);
    }

    [Fact]
    public async Task GetAsync_RangeInsideASecond_KeepsExactlyThePredictionsInRange()
    {
        var parts = Create();
        var at = Start.AddMilliseconds(400);
        await parts.Log.WriteAsync([Logged("a", 1, null, "1", 0.9) with { Time = at }]);
        await parts.Feedback.AddAsync("churn", [new("a", 0, "1")]);

        var until = (await parts.Accuracy.GetAsync("churn", Start, at.AddMilliseconds(100), null, TimeSpan.FromHours(1)))!;
        var after = (await parts.Accuracy.GetAsync("churn", at.AddMilliseconds(1), Start.AddHours(1), null, TimeSpan.FromHours(1)))!;

        Assert.Equal(1, Assert.Single(until.Groups).Total.Samples);
        Assert.Empty(after.Groups);
    }

    [Fact]
    public async Task AddFromBlobAsync_JsonLines_JoinsEveryLine()
    {
        var parts = Create();
        await parts.Log.WriteAsync([Logged("a", 1, null, "1", 0.9), Logged("b", 1, null, "0", 0.2)]);
        await parts.Container.UploadBlobAsync("day1.jsonl", BinaryData.FromString("{\"requestId\":\"a\",\"label\":1}\n\n{\"requestId\":\"b\",\"index\":0,\"label\":\"0\"}\n"));

        var outcome = await parts.Feedback.AddFromBlobAsync("churn", "day1.jsonl");

        Assert.Equal((2, 2), (outcome.Result!.Received, outcome.Result.Matched));
    }

    [Fact]
    public async Task AddFromBlobAsync_BadLineTooManyOrMissing_StoresNothing()
    {
        var parts = Create(maxBulk: 2);
        await parts.Log.WriteAsync([Logged("a", 1, null, "1", 0.9)]);
        await parts.Container.UploadBlobAsync("bad.jsonl", BinaryData.FromString("{\"requestId\":\"a\",\"label\":\"1\"}\n{\"requestId\":\"a\"}\n"));
        await parts.Container.UploadBlobAsync("long.jsonl", BinaryData.FromString(string.Concat(Enumerable.Repeat("{\"requestId\":\"a\",\"label\":\"1\"}\n", 3))));

        var bad = await parts.Feedback.AddFromBlobAsync("churn", "bad.jsonl");
        var tooLong = await parts.Feedback.AddFromBlobAsync("churn", "long.jsonl");
        var missing = await parts.Feedback.AddFromBlobAsync("churn", "missing.jsonl");

        Assert.Equal(FeedbackOutcomeKind.Invalid, bad.Kind);
        Assert.Contains("line 2", bad.Error, StringComparison.Ordinal);
        Assert.Equal(FeedbackOutcomeKind.Invalid, tooLong.Kind);
        Assert.Equal(FeedbackOutcomeKind.BlobNotFound, missing.Kind);
        var report = (await parts.Accuracy.GetAsync("churn", Start, Start.AddHours(1), null, TimeSpan.FromHours(1)))!;
        Assert.Empty(report.Groups);
    }

    [Fact]
    public async Task AddAsync_UnknownModel_ModelNotFound()
    {
        var outcome = await Create().Feedback.AddAsync("unknown", [new("a", 0, "1")]);

        Assert.Equal(FeedbackOutcomeKind.ModelNotFound, outcome.Kind);
    }

    [Fact]
    public async Task Writer_QueuedRequests_WrittenAndOldRowsPurged()
    {
        var options = Options.Create(new PredictionLogOptions { Table = AzuriteFixture.UniqueName("log"), SampleRate = 1 });
        var store = new PredictionLogStore(new TableServiceClient(azurite.ConnectionString), options);
        var log = new PredictionLog(options, TimeProvider.System);
        var reviewOptions = Options.Create(new ReviewOptions { Table = AzuriteFixture.UniqueName("review") });
        var reviews = new ReviewQueueStore(new TableServiceClient(azurite.ConnectionString), reviewOptions);
        var writer = new PredictionLogWriter(log, store, reviews, TimeProvider.System, options, reviewOptions, NullLogger<PredictionLogWriter>.Instance);
        var (features, predictions) = MonitoringTestData.Rows((40, 0, 0.7f), (60, 1, 0.1f));
        log.TryEnqueue(MonitoringTestData.Manifest(), ScoringEndpoints.Records, features, 2, predictions, new ScoringCall("req/1#x", "weighted", "B"));
        await store.WriteAsync([Logged("old", 1, null, "1", 0.5)]); // predicted 2026-12-01 09:00

        await writer.WriteQueuedAsync(CancellationToken.None);
        var deleted = await store.PurgeAsync(Start.AddMinutes(1));

        Assert.Equal(2, writer.Written);
        Assert.Equal(1, deleted);
        Assert.Null(await store.GetAsync("churn", "old", 0));
        var second = await store.GetAsync("churn", "req/1#x", 1);
        Assert.NotNull(second);
        Assert.Equal(("0", "weighted", "B", 1), (second.Label, second.RouteReason, second.Variant, second.Version));
        Assert.Equal(0.1, second.Score!.Value, 6);
        Assert.Null(second.Inputs);
    }
}
