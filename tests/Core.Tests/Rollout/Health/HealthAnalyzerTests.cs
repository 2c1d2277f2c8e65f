using Serverless.Core.Monitoring;
using Serverless.Core.Monitoring.GroundTruth;
using Serverless.Core.Rollout.Health;

namespace Serverless.Core.Tests.Rollout.Health;

public class HealthAnalyzerTests
{
    private static readonly DateTimeOffset From = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly HealthThresholds Thresholds = new();

    /// <summary>A window of <paramref name="requests"/> requests, <paramref name="errors"/> failing, latencies at <paramref name="ms"/>, scores at <paramref name="score"/>.</summary>
    private static WindowAggregate Window(long requests, long errors = 0, double ms = 3, double score = 0.3)
    {
        var window = new WindowAggregate { Requests = requests, Records = requests - errors, Scores = new FixedHistogram(MonitoringBuckets.Probability) };
        if (errors > 0)
        {
            window.Errors["internal"] = errors;
        }

        for (var i = 0; i < requests; i++)
        {
            window.Latency.Add(ms);
            if (i >= errors)
            {
                window.Scores.Add(score + (i % 3 * 0.1));
            }
        }

        return window;
    }

    private static HealthReport Analyze(WindowAggregate? candidate, WindowAggregate? champion, AccuracyMetrics? ca = null, AccuracyMetrics? ba = null) =>
        HealthAnalyzer.Analyze(7, candidate, 6, champion, ca, ba, Thresholds, From, From.AddMinutes(5));

    [Fact]
    public void Analyze_LikeTheChampion_Passes()
    {
        var report = Analyze(Window(300), Window(3000));

        Assert.Equal(HealthVerdict.Pass, report.Verdict);
        Assert.Equal((300, 3000), (report.Candidate.Requests, report.Champion.Requests));
        Assert.True(report.ScorePsi < 0.01);
        Assert.Contains(report.Checks, c => c.StartsWith("error rate", StringComparison.Ordinal) && c.EndsWith(": ok", StringComparison.Ordinal));
    }

    [Fact]
    public void Analyze_TooFewRequests_Inconclusive()
    {
        var report = Analyze(Window(40), Window(3000));

        Assert.Equal(HealthVerdict.Inconclusive, report.Verdict);
        Assert.Contains("40 of the 100", report.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Analyze_FewRequestsButErrorsAlreadyOverWhatTheMinimumAllows_FailsAtOnce()
    {
        Assert.Equal(HealthVerdict.Fail, Analyze(Window(10, errors: 2), Window(3000)).Verdict);
        Assert.Equal(HealthVerdict.Inconclusive, Analyze(Window(10, errors: 1), Window(3000)).Verdict);
        Assert.Equal(HealthVerdict.Inconclusive, Analyze(null, Window(3000)).Verdict);
    }

    [Fact]
    public void Analyze_ErrorRateOverTheChampionsPlusTheMargin_Fails()
    {
        var report = Analyze(Window(200, errors: 10), Window(3000, errors: 30));

        Assert.Equal(HealthVerdict.Fail, report.Verdict);
        Assert.Contains("error rate 5.00 %", report.Reason, StringComparison.Ordinal);
        Assert.Equal(HealthVerdict.Pass, Analyze(Window(200, errors: 3), Window(3000, errors: 30)).Verdict);
    }

    [Fact]
    public void Analyze_P95LatencyOverTheLimit_Fails()
    {
        Assert.Equal(HealthVerdict.Fail, Analyze(Window(300, ms: 40), Window(3000, ms: 3)).Verdict);
        Assert.Equal(HealthVerdict.Pass, Analyze(Window(300, ms: 4), Window(3000, ms: 3)).Verdict); // within the slack
    }

    [Fact]
    public void Analyze_ScoresShifted_FailsOnPsi()
    {
        var report = Analyze(Window(300, score: 0.75), Window(3000, score: 0.05));

        Assert.Equal(HealthVerdict.Fail, report.Verdict);
        Assert.True(report.ScorePsi > Thresholds.MaxScorePsi);
    }

    [Fact]
    public void Analyze_LiveAccuracyDropped_FailsOnlyWithEnoughLabels()
    {
        var worse = new AccuracyMetrics(80, Accuracy: 0.70);
        var good = new AccuracyMetrics(400, Accuracy: 0.85);

        Assert.Equal(HealthVerdict.Fail, Analyze(Window(300), Window(3000), worse, good).Verdict);
        Assert.Equal(HealthVerdict.Pass, Analyze(Window(300), Window(3000), worse with { Samples = 10 }, good).Verdict);
        Assert.Equal(HealthVerdict.Fail, Analyze(Window(300), Window(3000), new AccuracyMetrics(80, Rmse: 2.5), new AccuracyMetrics(400, Rmse: 2.0)).Verdict);
    }

    [Fact]
    public void Analyze_ChampionWithoutTraffic_JudgesErrorsAloneAndSaysWhatItSkipped()
    {
        var report = Analyze(Window(300, ms: 900), null);

        Assert.Equal(HealthVerdict.Pass, report.Verdict);
        Assert.Contains(report.Checks, c => c.EndsWith("skipped", StringComparison.Ordinal));
        Assert.Equal(HealthVerdict.Fail, Analyze(Window(300, errors: 6), null).Verdict);
    }
}
