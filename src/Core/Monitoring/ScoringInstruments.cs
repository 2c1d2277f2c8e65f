using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Serverless.Core.Monitoring;

/// <summary>
/// The synchronous instruments of meter <see cref="MonitoringTelemetry.ScoringMeter"/>, created once through
/// <see cref="IMeterFactory"/>. Every one is documented in docs/monitoring.md. Thread-safe.
/// </summary>
public sealed class ScoringInstruments
{
    private static readonly double[] SecondsBuckets = [.0005, .001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10];
    private static readonly double[] ProbabilityBuckets = [.1, .2, .3, .4, .5, .6, .7, .8, .9];
    private static readonly long[] RecordBuckets = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 5000];

    public ScoringInstruments(IMeterFactory meters)
    {
        Meter = meters.Create(new MeterOptions(MonitoringTelemetry.ScoringMeter));
        Requests = Meter.CreateCounter<long>("serverless.scoring.requests", "{request}", "Scoring requests that reached a model.");
        Errors = Meter.CreateCounter<long>("serverless.scoring.errors", "{request}", "Scoring requests that failed, by error.type.");
        Duration = Meter.CreateHistogram("serverless.scoring.duration", "s", "Duration of a scoring call.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = SecondsBuckets });
        StageDuration = Meter.CreateHistogram("serverless.scoring.stage.duration", "s", "Duration of one stage of a scoring call.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = SecondsBuckets });
        RecordsPerRequest = Meter.CreateHistogram("serverless.scoring.records", "{record}", "Records (rows) per scoring call.",
            advice: new InstrumentAdvice<long> { HistogramBucketBoundaries = RecordBuckets });
        Score = Meter.CreateHistogram("serverless.output.score", "1", "Per-row score: positive-class or top probability, or the regression value.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = ProbabilityBuckets });
        UnseenCategories = Meter.CreateCounter<long>("serverless.input.unseen_categories", "{request}", "Requests refused for a category the model never saw.");
        ShadowCompared = Meter.CreateCounter<long>("serverless.shadow.compared", "{record}", "Records scored by both the serving and a shadow version.");
        ShadowAgreed = Meter.CreateCounter<long>("serverless.shadow.agreed", "{record}", "Compared records whose shadow label equals the served one.");
    }

    public Meter Meter { get; }

    public Counter<long> Requests { get; }

    public Counter<long> Errors { get; }

    public Histogram<double> Duration { get; }

    public Histogram<double> StageDuration { get; }

    public Histogram<long> RecordsPerRequest { get; }

    public Histogram<double> Score { get; }

    public Counter<long> UnseenCategories { get; }

    public Counter<long> ShadowCompared { get; }

    public Counter<long> ShadowAgreed { get; }

    /// <summary>Stage durations for the stages that ran (a zero stage did not run for this endpoint).</summary>
    public void RecordStages(in ScoringTimings timings, string model, string version)
    {
        if (!StageDuration.Enabled)
        {
            return;
        }

        RecordStage(timings.Parse, ScoringStages.Parse, model, version);
        RecordStage(timings.Encode, ScoringStages.Encode, model, version);
        RecordStage(timings.Infer, ScoringStages.Infer, model, version);
        RecordStage(timings.Write, ScoringStages.Write, model, version);
    }

    private void RecordStage(TimeSpan elapsed, string stage, string model, string version)
    {
        if (elapsed > TimeSpan.Zero)
        {
            StageDuration.Record(elapsed.TotalSeconds, new TagList
            {
                { MonitoringTelemetry.ModelTag, model }, { MonitoringTelemetry.VersionTag, version }, { MonitoringTelemetry.StageTag, stage },
            });
        }
    }
}
