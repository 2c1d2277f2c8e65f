using Serverless.Core.Capacity;
using Serverless.Core.Monitoring;
using Serverless.Core.Scoring;

namespace Serverless.Core.Tests.Capacity;

public sealed class LiveCostTests
{
    private static readonly MeasuredCost Bench = MeasuredCost.SampleChurnBench;

    [Fact]
    public void FromWindow_HandlerTwiceTheBench_DoublesTheHandlerCostOnly()
    {
        // 1,000 single-row requests that spent 2 x 6.74 us each in the handler stages.
        var window = Window(requests: 1000, records: 1000, stageMs: 1000 * 2 * 6.74 / 1000);

        var live = LiveCost.FromWindow(Bench, window, "churn, last hour")!;

        Assert.Equal(2 * 6.74, live.HandlerMicroseconds(1), 6);
        Assert.Equal(Bench.HttpMicroseconds, live.HttpMicroseconds);
        Assert.StartsWith("window statistics (churn, last hour): 1,000 requests", live.Source, StringComparison.Ordinal);
    }

    [Fact]
    public void FromWindow_SlowHandlerP99_RaisesTheLatency()
    {
        var window = Window(requests: 1000, records: 1000, stageMs: 6.74);
        for (var i = 0; i < 1000; i++)
        {
            window.Latency.Add(20);
        }

        var live = LiveCost.FromWindow(Bench, window, "churn")!;

        Assert.True(live.MeanLatencyMs > 20, $"latency {live.MeanLatencyMs} ms should carry the 20 ms handler p99");
    }

    [Theory]
    [InlineData(99, 99, 1.0)]
    [InlineData(1000, 0, 1.0)]
    [InlineData(1000, 1000, 0.0)]
    public void FromWindow_TooLittleData_IsNull(long requests, long records, double stageMs)
    {
        Assert.Null(LiveCost.FromWindow(Bench, Window(requests, records, stageMs), "churn"));
    }

    private static WindowAggregate Window(long requests, long records, double stageMs)
    {
        var window = new WindowAggregate { Requests = requests, Records = records };
        window.StageMilliseconds[ScoringStages.Parse] = stageMs / 2;
        window.StageMilliseconds[ScoringStages.Infer] = stageMs / 2;
        return window;
    }
}
