namespace Serverless.Core.Capacity;

/// <summary>
/// What one prediction request costs, measured: CPU time of the HTTP pipeline per request, of the scoring handler
/// per request and per row, and the latency seen at the measured load. <see cref="Source"/> says where the numbers
/// come from (a benchmark run or live window statistics), so every estimate can be traced back.
/// </summary>
/// <param name="HttpMicroseconds">CPU per request outside the scoring handler (Kestrel, routing, body, response).</param>
/// <param name="HandlerFixedMicroseconds">CPU per request inside the handler that does not grow with rows.</param>
/// <param name="HandlerPerRowMicroseconds">CPU per additional row inside the handler (parse, encode, infer, write).</param>
/// <param name="MeanLatencyMs">Latency of one request at the measured load (Little's law input for concurrency).</param>
public sealed record MeasuredCost(
    double HttpMicroseconds,
    double HandlerFixedMicroseconds,
    double HandlerPerRowMicroseconds,
    double MeanLatencyMs,
    string Source)
{
    /// <summary>
    /// The sample churn model on the 2-core build machine, from bench/README.md: handler 6.74 us for 1 record and
    /// 1.95 us/row for 100 records (so 1.90 us a row plus 4.84 us a call); HTTP predict 46,425 req/s with wrk on the
    /// same 2 cores, i.e. at most 2 s / 46,425 = 43.1 us of CPU a request, of which 43.1 - 6.74 = 36.3 us is HTTP;
    /// p99 3.04 ms at 32 connections, used as the (pessimistic) latency.
    /// </summary>
    public static MeasuredCost SampleChurnBench { get; } = FromBench(
        handlerOneRowMicroseconds: 6.74,
        handlerHundredRowsMicrosecondsPerRow: 1.95,
        httpRequestsPerSecond: 46_425,
        cores: 2,
        latencyMs: 3.04,
        source: "bench/README.md: scoring handler 1 and 100 records, HTTP predict wrk -c32 (2 cores)");

    /// <summary>Derives the cost split from the benchmark's three numbers (see <see cref="SampleChurnBench"/>).</summary>
    public static MeasuredCost FromBench(
        double handlerOneRowMicroseconds,
        double handlerHundredRowsMicrosecondsPerRow,
        double httpRequestsPerSecond,
        int cores,
        double latencyMs,
        string source)
    {
        var perRow = (100 * handlerHundredRowsMicrosecondsPerRow - handlerOneRowMicroseconds) / 99;
        var fixedCost = handlerOneRowMicroseconds - perRow;
        var request = cores * 1e6 / httpRequestsPerSecond;
        return new MeasuredCost(request - handlerOneRowMicroseconds, fixedCost, perRow, latencyMs, source);
    }

    /// <summary>CPU of the handler for a request of <paramref name="rows"/> rows.</summary>
    public double HandlerMicroseconds(int rows) => HandlerFixedMicroseconds + rows * HandlerPerRowMicroseconds;
}
