using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Serverless.GpuServing.Batching;

/// <summary>
/// The batching meter (<see cref="MeterName"/>): rows and requests per batch, each request's queue delay, each
/// batch's run time, and refused and cancelled requests, tagged with model and version. Thread-safe singleton.
/// </summary>
public sealed class BatchingMetrics
{
    public const string MeterName = "Serverless.GpuServing";

    private readonly Histogram<int> _batchRows;
    private readonly Histogram<int> _batchRequests;
    private readonly Histogram<double> _queueDelay;
    private readonly Histogram<double> _runTime;
    private readonly Counter<long> _rejected;
    private readonly Counter<long> _cancelled;

    public BatchingMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        _batchRows = meter.CreateHistogram<int>("gpu_serving.batch.size", "{row}", "Rows in one ONNX Runtime call.");
        _batchRequests = meter.CreateHistogram<int>("gpu_serving.batch.requests", "{request}", "Requests concatenated into one ONNX Runtime call.");
        _queueDelay = meter.CreateHistogram<double>("gpu_serving.queue.delay", "ms", "Time a request waited before its batch started.");
        _runTime = meter.CreateHistogram<double>("gpu_serving.batch.duration", "ms", "Run time of one batch: concatenation, ONNX Runtime, split.");
        _rejected = meter.CreateCounter<long>("gpu_serving.queue.rejected", "{request}", "Requests refused with 503 because the queue was full.");
        _cancelled = meter.CreateCounter<long>("gpu_serving.queue.cancelled", "{request}", "Requests whose caller gave up before their batch started.");
    }

    public void Batch(in TagList tags, int rows, int requests, TimeSpan runTime)
    {
        _batchRows.Record(rows, tags);
        _batchRequests.Record(requests, tags);
        _runTime.Record(runTime.TotalMilliseconds, tags);
    }

    public void QueueDelay(in TagList tags, TimeSpan delay) => _queueDelay.Record(delay.TotalMilliseconds, tags);

    public void Rejected(in TagList tags) => _rejected.Add(1, tags);

    public void Cancelled(in TagList tags) => _cancelled.Add(1, tags);
}
