using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Serverless.GpuServing.Batching;

namespace Serverless.GpuServing.Tests;

/// <summary>Collects the batching meter's measurements for one model (by its <c>model</c> tag) while alive.</summary>
internal sealed class MetricRecorder : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly ConcurrentQueue<(string Instrument, double Value)> _measurements = new();

    public MetricRecorder(string model)
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == BatchingMetrics.MeterName)
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<int>((i, v, tags, _) => Record(i, v, tags, model));
        _listener.SetMeasurementEventCallback<long>((i, v, tags, _) => Record(i, v, tags, model));
        _listener.SetMeasurementEventCallback<double>((i, v, tags, _) => Record(i, v, tags, model));
        _listener.Start();
    }

    public IReadOnlyList<double> Values(string instrument) => [.. _measurements.Where(m => m.Instrument == instrument).Select(m => m.Value)];

    public void Dispose() => _listener.Dispose();

    private void Record(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags, string model)
    {
        foreach (var tag in tags)
        {
            if (tag.Key == "model" && Equals(tag.Value, model))
            {
                _measurements.Enqueue((instrument.Name, value));
                return;
            }
        }
    }
}
