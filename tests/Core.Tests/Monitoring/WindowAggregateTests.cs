using System.Text.Json;
using Serverless.Core.Monitoring;
using Serverless.Core.Serialization;
using Serverless.Core.Tests.Scoring.TestModels;

namespace Serverless.Core.Tests.Monitoring;

public class WindowAggregateTests
{
    private static readonly (float, float, float)[] Rows =
        [.. Enumerable.Range(0, 60).Select(i => ((float)(15 + i * 1.3), (float)(i % 2), (float)(i % 10 / 10.0)))];

    [Fact]
    public void Merge_WindowsOfTwoInstances_EqualsOneInstanceThatSawEverything()
    {
        var manifest = MonitoringTestData.Manifest();
        var time = new ManualTimeProvider();
        var single = MonitoringTestData.Recorder(time);
        var a = MonitoringTestData.Recorder(time);
        var b = MonitoringTestData.Recorder(time);
        for (var i = 0; i < Rows.Length; i += 3)
        {
            var request = Rows[i..(i + 3)];
            MonitoringTestData.Record(single, manifest, request);
            MonitoringTestData.Record(i % 2 == 0 ? a : b, manifest, request);
        }

        var merged = a.Recent("churn", 1)!;
        merged.Merge(b.Recent("churn", 1)!);

        Assert.Equal(Serialize(single.Recent("churn", 1)!), Serialize(merged));
    }

    [Fact]
    public void Merge_DifferentScoreEdges_Throws()
    {
        var a = new WindowAggregate { Scores = new FixedHistogram([0.5]) };
        var b = new WindowAggregate { Scores = new FixedHistogram([0.3]) };

        Assert.Throws<InvalidOperationException>(() => a.Merge(b));
    }

    [Fact]
    public void Serialize_RoundTrip_KeepsEveryCount()
    {
        var recorder = MonitoringTestData.Recorder(new ManualTimeProvider());
        MonitoringTestData.Record(recorder, MonitoringTestData.Manifest(), Rows);
        var window = recorder.Recent("churn", 1)!;

        var copy = JsonSerializer.Deserialize<WindowAggregate>(Serialize(window), JsonDefaults.Options)!;

        Assert.Equal(Serialize(window), Serialize(copy));
        Assert.Equal(60, copy.Features["age"].Rows);
    }

    private static string Serialize(WindowAggregate window) => JsonSerializer.Serialize(window, JsonDefaults.Options);
}
