using System.Globalization;
using Serverless.Core.Monitoring;

namespace Serverless.Core.Capacity;

/// <summary>
/// A model's measured cost from its live window statistics: what the scoring handler spent per request in
/// production replaces the benchmark's handler cost; the HTTP part, which windows do not see, stays the benchmark's.
/// </summary>
public static class LiveCost
{
    /// <summary>Below this many requests a window says more about noise than about cost.</summary>
    public const long MinimumRequests = 100;

    /// <summary>
    /// The benchmark's cost with its handler part scaled to what <paramref name="window"/> measured, and its latency
    /// moved by the difference between the live handler p99 and the benchmark's handler time. Null when the window
    /// has fewer than <see cref="MinimumRequests"/> requests or no stage timings.
    /// </summary>
    public static MeasuredCost? FromWindow(MeasuredCost bench, WindowAggregate window, string description)
    {
        var handlerMs = window.StageMilliseconds.Values.Sum();
        if (window.Requests < MinimumRequests || window.Records <= 0 || handlerMs <= 0)
        {
            return null;
        }

        var rowsPerRequest = (double)window.Records / window.Requests;
        var liveHandler = handlerMs * 1000 / window.Requests;
        var benchHandler = bench.HandlerFixedMicroseconds + rowsPerRequest * bench.HandlerPerRowMicroseconds;
        var scale = liveHandler / benchHandler;
        var p99 = window.Latency.Quantile(0.99);
        var latency = double.IsFinite(p99)
            ? Math.Max(bench.MeanLatencyMs, bench.MeanLatencyMs - benchHandler / 1000 + p99)
            : bench.MeanLatencyMs;
        var source = string.Create(CultureInfo.InvariantCulture,
            $"window statistics ({description}): {window.Requests:N0} requests, {rowsPerRequest:0.#} rows each, handler {liveHandler:0.0} us/request ({scale:0.00}x the benchmark), handler p99 {p99:0.00} ms; HTTP part from {bench.Source}");
        return new MeasuredCost(
            bench.HttpMicroseconds, bench.HandlerFixedMicroseconds * scale, bench.HandlerPerRowMicroseconds * scale, latency, source);
    }
}
