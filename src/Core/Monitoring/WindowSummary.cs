namespace Serverless.Core.Monitoring;

/// <summary>The few numbers a person reads first from a window (derived; the aggregate is the source of truth).</summary>
/// <param name="LatencyP50Ms">Estimated from the fixed latency buckets (linear inside a bucket); null when no request.</param>
/// <param name="MeanScore">Mean per-row score; null when no finite score.</param>
public sealed record WindowSummary(
    long Requests, long Records, long Errors, double ErrorRate, double? LatencyP50Ms, double? LatencyP95Ms, double? LatencyP99Ms,
    double? MeanScore, long InvalidOutputs)
{
    public static WindowSummary Of(WindowAggregate window)
    {
        var errors = window.ErrorCount;
        var timed = window.Latency.Count > 0;
        var scored = window.Scores?.Count ?? 0;
        return new WindowSummary(
            window.Requests, window.Records, errors, window.Requests == 0 ? 0 : (double)errors / window.Requests,
            timed ? window.Latency.Quantile(0.5) : null, timed ? window.Latency.Quantile(0.95) : null, timed ? window.Latency.Quantile(0.99) : null,
            scored > 0 ? window.Scores!.Sum / scored : null, window.InvalidOutputs);
    }
}
