using Microsoft.Extensions.Options;
using Serverless.Core.Monitoring.GroundTruth;
using Serverless.Core.Scoring;
using Serverless.Core.Models;
using Serverless.Core.Tests.Scoring.TestModels;

namespace Serverless.Core.Tests.Monitoring.GroundTruth;

/// <summary><see cref="PredictionLogOptions.MaxRowsPerSecond"/>: the log keeps a bounded sample under heavy load.</summary>
public class PredictionLogRateTests
{
    private readonly ManualTimeProvider _clock = new();

    private PredictionLog Log(int maxRowsPerSecond) =>
        new(Options.Create(new PredictionLogOptions { SampleRate = 1, MaxRowsPerSecond = maxRowsPerSecond }), _clock);

    private static bool Enqueue(PredictionLog log, string id, int rows = 1, ModelAutomation? automation = null)
    {
        var records = Enumerable.Repeat((40f, 0f, 0.7f), rows).ToArray();
        var (features, predictions) = MonitoringTestData.Rows(records);
        return log.TryEnqueue(MonitoringTestData.Manifest(), ScoringEndpoints.Records, features, rows, predictions, new ScoringCall(id, Automation: automation));
    }

    [Fact]
    public void TryEnqueue_OverTheSecondsBudget_ThrottlesUntilTheNextSecond()
    {
        var log = Log(maxRowsPerSecond: 10);

        var queued = Enumerable.Range(0, 15).Count(i => Enqueue(log, "a" + i));
        _clock.Advance(TimeSpan.FromMilliseconds(999 - _clock.GetUtcNow().Millisecond));
        var sameSecond = Enqueue(log, "late");
        _clock.Advance(TimeSpan.FromSeconds(1));
        var nextSecond = Enumerable.Range(0, 15).Count(i => Enqueue(log, "b" + i));

        Assert.Equal(10, queued);
        Assert.False(sameSecond);
        Assert.Equal(10, nextSecond);
        Assert.Equal(11, log.Throttled);
        Assert.Equal(0, log.Dropped);
        Assert.Equal(20, log.TakeBatch(100, storeInputs: false, storeReviewRecords: false).Rows.Count);
    }

    [Fact]
    public void TryEnqueue_RequestLargerThanTheCap_LoggedWhole_ThenTheSecondIsUsedUp()
    {
        var log = Log(maxRowsPerSecond: 10);

        Assert.True(Enqueue(log, "big", rows: 25));
        Assert.False(Enqueue(log, "small"));
        Assert.Equal(25, log.TakeBatch(10, storeInputs: false, storeReviewRecords: false).Rows.Count);
    }

    [Fact]
    public void TryEnqueue_HumanLevel_AlwaysLogged_AndUsesUpTheBudget()
    {
        var log = Log(maxRowsPerSecond: 5);
        var human = new ModelAutomation(AutomationLevel.Human);

        var logged = Enumerable.Range(0, 8).Count(i => Enqueue(log, "h" + i, automation: human));

        Assert.Equal(8, logged);
        Assert.False(Enqueue(log, "sampled"));
        Assert.Equal(1, log.Throttled);
    }

    [Fact]
    public void TryEnqueue_NoCap_LogsEverySampledRequest()
    {
        var log = Log(maxRowsPerSecond: 0);

        Assert.Equal(500, Enumerable.Range(0, 500).Count(i => Enqueue(log, "n" + i)));
        Assert.Equal(0, log.Throttled);
    }
}
