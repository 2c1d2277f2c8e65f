using Serverless.Core.Monitoring;
using Serverless.Core.Tests.Scoring.TestModels;

namespace Serverless.Core.Tests.Monitoring;

public class DriftAnalyzerTests
{
    private readonly ManualTimeProvider _time = new();

    [Fact]
    public void Analyze_LiveLikeTraining_IsStable()
    {
        // Training: age 30/40/30 % over [<30, 30-50, >=50]; plan 60/40; score 70/30 around 0.5.
        var window = Live(ageBins: [30, 40, 30], proShare: 0.4, positiveShare: 0.3);

        var report = DriftAnalyzer.Analyze(MonitoringTestData.Manifest(), window, DriftThresholds.Default);

        Assert.Equal(DriftLevel.Stable, report.Level);
        Assert.All(report.Features, f => Assert.Equal(0, f.Psi!.Value, 9));
        Assert.Equal(0, report.Score!.Psi!.Value, 9);
    }

    [Fact]
    public void Analyze_ShiftedAge_ActsOnAgeOnly()
    {
        var window = Live(ageBins: [10, 20, 70], proShare: 0.4, positiveShare: 0.3);

        var report = DriftAnalyzer.Analyze(MonitoringTestData.Manifest(), window, DriftThresholds.Default);

        // e = (.3, .4, .3), a = (.1, .2, .7): .2 ln 3 + .2 ln 2 + .4 ln(7/3)
        var expected = 0.2 * Math.Log(3) + 0.2 * Math.Log(2) + 0.4 * Math.Log(7.0 / 3);
        var age = Assert.Single(report.Features, f => f.Name == "age");
        Assert.Equal(expected, age.Psi!.Value, 9);
        Assert.Equal(DriftLevel.Act, age.Level);
        Assert.Equal(DriftLevel.Stable, Assert.Single(report.Features, f => f.Name == "plan").Level);
        Assert.Equal(DriftLevel.Act, report.Level);
    }

    [Fact]
    public void Analyze_ScoreShift_WarnsOnScore()
    {
        // e = (.7, .3), a = (.5, .5): .2 ln(.5/.3) - .2 ln(.5/.7) = 0.1695, between warn (0.1) and act (0.25)
        var window = Live(ageBins: [30, 40, 30], proShare: 0.4, positiveShare: 0.5);

        var report = DriftAnalyzer.Analyze(MonitoringTestData.Manifest(), window, DriftThresholds.Default);

        var expected = 0.2 * Math.Log(0.5 / 0.3) - 0.2 * Math.Log(0.5 / 0.7);
        Assert.Equal(expected, report.Score!.Psi!.Value, 9);
        Assert.Equal(DriftLevel.Warn, report.Score.Level);
        Assert.Equal(DriftLevel.Warn, report.Level);
    }

    [Fact]
    public void Analyze_FewRows_InsufficientData()
    {
        var recorder = MonitoringTestData.Recorder(_time);
        MonitoringTestData.Record(recorder, MonitoringTestData.Manifest(), (99, 1, 0.99f));

        var report = DriftAnalyzer.Analyze(MonitoringTestData.Manifest(), recorder.Recent("churn", 1)!, DriftThresholds.Default);

        Assert.Equal(DriftLevel.InsufficientData, report.Level);
        Assert.All(report.Features, f => Assert.Null(f.Psi));
    }

    /// <summary>100 rows with the given age bins, share of plan "pro" and share of scores above 0.5.</summary>
    private WindowAggregate Live(int[] ageBins, double proShare, double positiveShare)
    {
        float[] ages = [20, 40, 60];
        var rows = new List<(float, float, float)>();
        for (int bin = 0, n = 0; bin < 3; bin++)
        {
            for (var k = 0; k < ageBins[bin]; k++, n++)
            {
                rows.Add((ages[bin], n % 100 < proShare * 100 ? 1 : 0, n % 100 < positiveShare * 100 ? 0.8f : 0.2f));
            }
        }

        var recorder = MonitoringTestData.Recorder(_time);
        MonitoringTestData.Record(recorder, MonitoringTestData.Manifest(), [.. rows]);
        return recorder.Recent("churn", 1)!;
    }
}
