using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Serverless.GpuServing.Batching;

namespace Serverless.Gpu.Bench;

/// <summary>Reads the batching meter: rows per batch and batch run times since the last <see cref="Clear"/>.</summary>
internal sealed class BatchRecorder : IDisposable
{
    private readonly MeterListener _listener = new();
    private ConcurrentQueue<int> _rows = new();
    private ConcurrentQueue<double> _runMs = new();

    public BatchRecorder()
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == BatchingMetrics.MeterName && instrument.Name is "gpu_serving.batch.size" or "gpu_serving.batch.duration")
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<int>((_, value, _, _) => _rows.Enqueue(value));
        _listener.SetMeasurementEventCallback<double>((_, value, _, _) => _runMs.Enqueue(value));
        _listener.Start();
    }

    public void Clear()
    {
        _rows = new ConcurrentQueue<int>();
        _runMs = new ConcurrentQueue<double>();
    }

    public double MeanRows() => _rows.IsEmpty ? 0 : _rows.Average();

    public double MedianRunMs()
    {
        var sorted = _runMs.Order().ToArray();
        return sorted.Length == 0 ? 0 : sorted[sorted.Length / 2];
    }

    public void Dispose() => _listener.Dispose();
}
