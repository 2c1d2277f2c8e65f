using System.Diagnostics.Metrics;

namespace Serverless.Core.Monitoring;

/// <summary>
/// The synchronous instruments of meter <see cref="MonitoringTelemetry.ScoringMeter"/>, created once through
/// <see cref="IMeterFactory"/>: the latency histogram (once per call) and counters of rare events. The counts are
/// observable instruments of <see cref="ScoringRecorder"/>. Every one is documented in docs/monitoring.md. Thread-safe.
/// </summary>
public sealed class ScoringInstruments
{
    private static readonly double[] SecondsBuckets = [.0005, .001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10];

    public ScoringInstruments(IMeterFactory meters)
    {
        Meter = meters.Create(new MeterOptions(MonitoringTelemetry.ScoringMeter));
        Errors = Meter.CreateCounter<long>("serverless.scoring.errors", "{request}", "Scoring requests that failed, by error.type.");
        Duration = Meter.CreateHistogram("serverless.scoring.duration", "s", "Duration of a scoring call.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = SecondsBuckets });
        UnseenCategories = Meter.CreateCounter<long>("serverless.input.unseen_categories", "{request}", "Requests refused for a category the model never saw.");
        ShadowCompared = Meter.CreateCounter<long>("serverless.shadow.compared", "{record}", "Records scored by both the serving and a shadow version.");
        ShadowAgreed = Meter.CreateCounter<long>("serverless.shadow.agreed", "{record}", "Compared records whose shadow label equals the served one.");
        ShadowScoreDifference = Meter.CreateHistogram<double>("serverless.shadow.score_difference", "1",
            "Mean absolute score difference between the shadow and the served version, per compared request.");
        ShadowDropped = Meter.CreateCounter<long>("serverless.shadow.dropped", "{request}", "Shadow copies dropped because the shadow queue was full.");
    }

    public Meter Meter { get; }

    public Counter<long> Errors { get; }

    public Histogram<double> Duration { get; }

    public Counter<long> UnseenCategories { get; }

    public Counter<long> ShadowCompared { get; }

    public Counter<long> ShadowAgreed { get; }

    public Histogram<double> ShadowScoreDifference { get; }

    public Counter<long> ShadowDropped { get; }
}
