using System.Runtime.InteropServices;
using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using Serverless.Core.Models;
using Serverless.Core.Monitoring.GroundTruth;
using Serverless.Core.Scoring;

namespace Serverless.Core.Tests.Monitoring.GroundTruth;

public class PredictionLogTests
{
    private static PredictionLog Log(int capacity = 100, double rate = 1, bool storeInputs = false) =>
        new(Options.Create(new PredictionLogOptions { QueueCapacity = capacity, SampleRate = rate, StoreInputs = storeInputs, MaxRowsPerSecond = 0 }), TimeProvider.System);

    private static List<LoggedPrediction> Rows(PendingPredictions pending, bool storeInputs)
    {
        var batch = new PredictionBatch([], []);
        PredictionRows.Add(pending, storeInputs, storeReviewRecords: false, batch);
        return batch.Rows;
    }

    [Fact]
    public void TryEnqueue_QueueFull_DropsAndCountsWithoutBlocking()
    {
        var log = Log(capacity: 100);
        var (features, predictions) = MonitoringTestData.Rows((40, 0, 0.7f));

        var queued = Enumerable.Range(0, 150).Count(i => log.TryEnqueue(MonitoringTestData.Manifest(), ScoringEndpoints.Records, features, 1, predictions, new ScoringCall("r" + i)));

        Assert.Equal(100, queued);
        Assert.Equal(50, log.Dropped);
    }

    [Fact]
    public void TryEnqueue_NoRequestIdOrTensorOutputs_LogsNothing()
    {
        var log = Log();
        var (features, predictions) = MonitoringTestData.Rows((40, 0, 0.7f));

        Assert.False(log.TryEnqueue(MonitoringTestData.Manifest(), ScoringEndpoints.Batch, features, 1, predictions, default));
        Assert.False(log.TryEnqueue(MonitoringTestData.Manifest(), ScoringEndpoints.OpenInference, features, 1, null, new ScoringCall("r")));
        Assert.False(log.Reader.TryRead(out _));
    }

    [Fact]
    public void Rows_TwoRecords_OnePerRecordWithHashNotInputsAndRouting()
    {
        var log = Log();
        var (features, predictions) = MonitoringTestData.Rows((40, 0, 0.7f), (40, 0, 0.2f));
        log.TryEnqueue(MonitoringTestData.Manifest(), ScoringEndpoints.Records, features, 2, predictions, new ScoringCall("r1", "weighted", "B"));
        features[0] = -1; // the caller's buffer is pooled and reused: the log must have copied it
        Assert.True(log.Reader.TryRead(out var pending));

        var rows = Rows(pending!, storeInputs: false);

        Assert.Equal(2, rows.Count);
        Assert.Equal(["1", "0"], rows.Select(r => r.Label));
        Assert.Equal(0.7, rows[0].Score!.Value, 6);
        Assert.All(rows, r => Assert.Equal(("r1", "weighted", "B", 1), (r.RequestId, r.RouteReason, r.Variant, r.Version)));
        Assert.Equal([0, 1], rows.Select(r => r.Index));
        Assert.Equal(rows[0].InputHash, rows[1].InputHash); // equal encoded rows, equal hashes
        Assert.Equal(64, rows[0].InputHash.Length);
        Assert.All(rows, r => Assert.Null(r.Inputs));
        Assert.Equal([40f, 0f], Rows(pending!, storeInputs: true)[0].Inputs!);
    }

    [Fact]
    public void Rows_InputHash_IsTheSha256OfEachEncodedRow()
    {
        var log = Log();
        var (features, predictions) = MonitoringTestData.Rows((40, 0, 0.7f), (61.5f, 1, 0.2f));
        log.TryEnqueue(MonitoringTestData.Manifest(), ScoringEndpoints.Records, features, 2, predictions, new ScoringCall("r1"));
        Assert.True(log.Reader.TryRead(out var pending));

        var rows = Rows(pending!, storeInputs: false);
        var again = Rows(pending!, storeInputs: false); // the reused hash starts clean for every row

        var expected = Enumerable.Range(0, 2)
            .Select(r => Convert.ToHexStringLower(SHA256.HashData(MemoryMarshal.AsBytes(features.AsSpan(2 * r, 2))))).ToList();
        Assert.Equal(expected, rows.Select(r => r.InputHash));
        Assert.Equal(expected, again.Select(r => r.InputHash));
    }

    [Theory]
    [InlineData("ab:B", "B")]
    [InlineData("ab:A", "A")]
    [InlineData("champion", null)]
    [InlineData(null, null)]
    public void Rows_AbRouteReason_NamesTheVariant(string? reason, string? variant)
    {
        var log = Log();
        var (features, predictions) = MonitoringTestData.Rows((40, 0, 0.7f));
        log.TryEnqueue(MonitoringTestData.Manifest(), ScoringEndpoints.Records, features, 1, predictions, new ScoringCall("r", reason));
        Assert.True(log.Reader.TryRead(out var pending));

        Assert.Equal(variant, Assert.Single(Rows(pending!, storeInputs: false)).Variant);
    }

    [Theory]
    [InlineData(AutomationLevel.Human)]
    [InlineData(AutomationLevel.Shadow)]
    public void TryEnqueue_HumanOrShadow_LogsEveryRequestWhateverTheSampleRate(AutomationLevel level)
    {
        var log = Log(rate: 0);
        var (features, predictions) = MonitoringTestData.Rows((40, 0, 0.7f));

        Assert.False(log.TryEnqueue(MonitoringTestData.Manifest(), ScoringEndpoints.Records, features, 1, predictions, new ScoringCall("full")));
        Assert.True(log.TryEnqueue(MonitoringTestData.Manifest(), ScoringEndpoints.Records, features, 1, predictions,
            new ScoringCall("r", Automation: new ModelAutomation(level))));
        Assert.Single(log.TakeBatch(10, storeInputs: false, storeReviewRecords: false).Rows);
    }

    [Fact]
    public void TakeBatch_RecordsFlaggedForReview_ReviewItemsWithDecodedRecordAndKeyInTheLogRow()
    {
        var log = Log(rate: 0);
        var (features, predictions) = MonitoringTestData.Rows((40, 1, 0.55f), (70, 0, 0.95f), (float.NaN, 0, 0.4f));
        var call = new ScoringCall("req-1", "champion", Automation: new ModelAutomation(AutomationLevel.Partial, 0.8), Review: [true, false, true]);

        Assert.True(log.TryEnqueue(MonitoringTestData.Manifest(), ScoringEndpoints.Records, features, 3, predictions, call));
        var batch = log.TakeBatch(10, storeInputs: false, storeReviewRecords: true);

        Assert.Equal(3, batch.Rows.Count);
        Assert.Equal([0, 2], batch.Reviews.Select(r => r.Index));
        var first = batch.Reviews[0];
        Assert.Equal(("churn", 1, "req-1", AutomationLevel.Partial, "1", "champion"), (first.Model, first.Version, first.RequestId, first.Level, first.Label, first.RouteReason));
        Assert.Equal(0.55, first.Confidence!.Value, 6);
        Assert.Equal("""{"age":40,"plan":"pro"}""", first.Record!.ToJsonString());
        Assert.Equal("""{"age":null,"plan":"basic"}""", batch.Reviews[1].Record!.ToJsonString());
        Assert.Equal([first.Key, null, batch.Reviews[1].Key], batch.Rows.Select(r => r.ReviewKey));
        Assert.Null(log.TakeBatch(10, false, storeReviewRecords: false).Rows.FirstOrDefault());
    }
}
