using System.Diagnostics.Metrics;
using Serverless.Core.Monitoring;
using Serverless.Core.Scoring;
using Serverless.Core.Tests.Scoring.TestModels;

namespace Serverless.Core.Tests.Monitoring;

public class ScoringRecorderTests
{
    private readonly ManualTimeProvider _time = new();

    [Fact]
    public void RecordScored_Rows_CountsFeatureBinsMissingRangeScoresAndClasses()
    {
        var recorder = MonitoringTestData.Recorder(_time);
        var manifest = MonitoringTestData.Manifest();

        // age 20 -> bin 0, 30 -> bin 1 (edge is inclusive above), 60 -> bin 2, 95 -> bin 2 and above range,
        // 10 -> bin 0 and below range, NaN -> missing. plan: 0, 1, 1, 0, 0, NaN.
        MonitoringTestData.Record(recorder, manifest, (20, 0, 0.1f), (30, 1, 0.7f), (60, 1, 0.4f));
        MonitoringTestData.Record(recorder, manifest, (95, 0, 0.9f), (10, 0, float.NaN), (float.NaN, float.NaN, 0.2f));

        var window = recorder.Recent("churn", 1)!;
        Assert.Equal(2, window.Requests);
        Assert.Equal(6, window.Records);
        var age = window.Features["age"];
        Assert.Equal([2L, 1, 2], age.Values.Counts);
        Assert.Equal(1, age.Missing);
        Assert.Equal(1, age.BelowRange);
        Assert.Equal(1, age.AboveRange);
        var plan = window.Features["plan"];
        Assert.Equal([3L, 2], plan.Values.Counts);
        Assert.Equal(1, plan.Missing);
        Assert.Equal(1, window.InvalidOutputs); // the NaN probability
        Assert.Equal([3L, 2], window.Scores!.Counts); // 0.1, 0.4, 0.2 below the 0.5 edge; 0.7, 0.9 above
        Assert.Equal(2.3, window.Scores.Sum, 5);
        Assert.Equal(2, window.Latency.Count);
        Assert.Equal(2.0, window.StageMilliseconds[ScoringStages.Parse], 9);
        Assert.Equal(4.0, window.StageMilliseconds[ScoringStages.Infer], 9);
        Assert.False(window.StageMilliseconds.ContainsKey(ScoringStages.Write)); // a stage that never ran
    }

    [Fact]
    public void RecordScored_Disabled_RecordsNothing()
    {
        var recorder = MonitoringTestData.Recorder(_time, enabled: false);
        MonitoringTestData.Record(recorder, MonitoringTestData.Manifest(), (20, 0, 0.1f));

        Assert.Null(recorder.Recent("churn", 1));
    }

    [Fact]
    public void RecordScored_BrokenInput_NeverThrowsAndCountsTheFailure()
    {
        var recorder = MonitoringTestData.Recorder(_time);
        // Probabilities shorter than rows * classes: counting reads past the end, which recording must swallow.
        var broken = new TabularPredictions(3, ["0", "0", "0"], [0.5f, 0.5f], ["0", "1"], null);

        recorder.RecordScored(MonitoringTestData.Manifest(), ScoringEndpoints.Records, [], 3, broken, new ScoringTimings(TimeSpan.FromMilliseconds(1)));

        Assert.Equal(1, recorder.Failures);
    }

    [Fact]
    public void RecordFailed_UnseenCategory_CountsErrorAndFeature()
    {
        var recorder = MonitoringTestData.Recorder(_time);

        recorder.RecordFailed(MonitoringTestData.Manifest(), ScoringEndpoints.Records, ScoringErrorKinds.UnseenCategory,
            new ScoringTimings(TimeSpan.FromMilliseconds(1)), "plan");

        var window = recorder.Recent("churn", 1)!;
        Assert.Equal(1, window.Requests);
        Assert.Equal(1, window.Errors[ScoringErrorKinds.UnseenCategory]);
        Assert.Equal(1, window.UnseenCategories["plan"]);
        Assert.Equal(0, window.Records);
    }

    [Fact]
    public void RecordShadow_Comparisons_AddUpInTheServingVersionsWindow()
    {
        var recorder = MonitoringTestData.Recorder(_time);

        recorder.RecordShadow(MonitoringTestData.Manifest(), shadowVersion: 2, new ShadowComparison(10, 7, 1.5));
        recorder.RecordShadow(MonitoringTestData.Manifest(), shadowVersion: 2, new ShadowComparison(5, 5, 0.25));

        var window = recorder.Recent("churn", 1)!;
        Assert.Equal(15, window.ShadowCompared);
        Assert.Equal(12, window.ShadowAgreed);
        Assert.Equal(1.75, window.ShadowScoreDifference, 10);
    }

    [Fact]
    public void RecordScored_MinutePasses_StartsANewMinuteAndKeepsTheOld()
    {
        var recorder = MonitoringTestData.Recorder(_time);
        var manifest = MonitoringTestData.Manifest();
        MonitoringTestData.Record(recorder, manifest, (20, 0, 0.1f));
        _time.Advance(TimeSpan.FromMinutes(1));
        MonitoringTestData.Record(recorder, manifest, (20, 0, 0.1f), (25, 1, 0.2f));

        var monitor = Assert.Single(recorder.Monitors);
        var minutes = monitor.TakeForFlush(DateTimeOffset.MinValue);
        Assert.Equal([1L, 2], minutes.Select(m => m.Snapshot.Records));
        Assert.Equal(TimeSpan.FromMinutes(1), minutes[1].Accumulator.Minute - minutes[0].Accumulator.Minute);
    }

    [Fact]
    public void Instruments_RecordScored_PublishesNamedInstrumentsWithModelTags()
    {
        var factory = new TestMeterFactory();
        var recorder = new ScoringRecorder(new ScoringInstruments(factory), _time,
            Microsoft.Extensions.Options.Options.Create(new MonitoringOptions()),
            Microsoft.Extensions.Logging.Abstractions.NullLogger<ScoringRecorder>.Instance);
        var seen = new List<(string Name, string? Unit, double Value, Dictionary<string, object?> Tags)>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Scope == factory)
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((i, v, tags, _) => seen.Add((i.Name, i.Unit, v, ToDictionary(tags))));
        listener.SetMeasurementEventCallback<double>((i, v, tags, _) => seen.Add((i.Name, i.Unit, v, ToDictionary(tags))));
        listener.Start();

        MonitoringTestData.Record(recorder, MonitoringTestData.Manifest(), (20, 0, 0.1f), (float.NaN, 1, 0.7f));
        listener.RecordObservableInstruments();

        var requests = Assert.Single(seen, m => m.Name == "serverless.scoring.requests");
        Assert.Equal(1, requests.Value);
        Assert.Equal("{request}", requests.Unit);
        Assert.Equal("churn", requests.Tags[MonitoringTelemetry.ModelTag]);
        Assert.Equal("1", requests.Tags[MonitoringTelemetry.VersionTag]);
        Assert.Equal(ScoringEndpoints.Records, requests.Tags[MonitoringTelemetry.EndpointTag]);
        Assert.Equal("s", Assert.Single(seen, m => m.Name == "serverless.scoring.duration").Unit);
        Assert.Equal(2, Assert.Single(seen, m => m.Name == "serverless.scoring.records").Value);
        Assert.Equal([ScoringStages.Parse, ScoringStages.Infer],
            seen.Where(m => m.Name == "serverless.scoring.stage.time").Select(m => (string?)m.Tags[MonitoringTelemetry.StageTag]));
        Assert.Equal(0.002, Assert.Single(seen, m => m.Name == "serverless.scoring.stage.time" && (string?)m.Tags[MonitoringTelemetry.StageTag] == ScoringStages.Infer).Value, 9);
        var scoreBins = seen.Where(m => m.Name == "serverless.output.score.bins").ToList();
        Assert.Equal(["[-inf,0.5)", "[0.5,inf)"], scoreBins.Select(m => (string?)m.Tags[MonitoringTelemetry.ScoreBinTag]));
        Assert.Equal([1.0, 1.0], scoreBins.Select(m => m.Value));
        var missingAge = Assert.Single(seen, m => m.Name == "serverless.input.missing" && (string?)m.Tags[MonitoringTelemetry.FeatureTag] == "age");
        Assert.Equal(1, missingAge.Value);
        Assert.Equal(1, Assert.Single(seen, m => m.Name == "serverless.output.classes" && (string?)m.Tags[MonitoringTelemetry.ClassTag] == "1").Value);
        Assert.Contains(seen, m => m.Name == "serverless.process.memory.usage" && m.Value > 0);
    }

    private static Dictionary<string, object?> ToDictionary(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var result = new Dictionary<string, object?>();
        foreach (var tag in tags)
        {
            result[tag.Key] = tag.Value;
        }

        return result;
    }
}
