using System.Threading.Channels;
using Microsoft.Extensions.Options;
using Serverless.Core.Models;
using Serverless.Core.Scoring;

namespace Serverless.Core.Monitoring.GroundTruth;

/// <summary>
/// The hot path's side of the sampled prediction log: a scored request with a request id is copied into a bounded
/// queue that <see cref="PredictionLogWriter"/> drains to Table Storage.
/// </summary>
/// <remarks>
/// Never blocks and never throws: a full queue drops the request (counted in <see cref="Dropped"/>), and the prediction is
/// served regardless. The only per-request work is the sampling hash and one copy of the encoded rows. Thread-safe singleton.
/// </remarks>
public sealed class PredictionLog
{
    private readonly Channel<PendingPredictions> _queue;
    private readonly double _rate;
    private readonly TimeProvider _time;
    private long _dropped;

    public PredictionLog(IOptions<PredictionLogOptions> options, TimeProvider time)
    {
        var o = options.Value;
        Enabled = o.Enabled && o.SampleRate > 0;
        _rate = o.SampleRate;
        _time = time;
        _queue = Channel.CreateBounded<PendingPredictions>(
            new BoundedChannelOptions(o.QueueCapacity) { FullMode = BoundedChannelFullMode.Wait, SingleReader = true });
    }

    public bool Enabled { get; }

    /// <summary>Requests not logged because the queue was full.</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    internal ChannelReader<PendingPredictions> Reader => _queue.Reader;

    /// <summary>Queues a scored request when it has a request id, tabular predictions and is sampled.</summary>
    /// <returns>True when queued; false when not logged (not sampled, nothing to log, or the queue is full).</returns>
    public bool TryEnqueue(ModelManifest manifest, string endpoint, ReadOnlySpan<float> features, int rows, TabularPredictions? predictions, in ScoringCall call)
    {
        if (!Enabled || predictions is null || call.RequestId is not { } id || rows <= 0 || !PredictionSampler.IsSampled(id, _rate))
        {
            return false;
        }

        // TryWrite never waits: with FullMode.Wait it answers false when the queue is full (or completed).
        if (_queue.Writer.TryWrite(new PendingPredictions(manifest, endpoint, call, _time.GetUtcNow(), features.ToArray(), rows, predictions)))
        {
            return true;
        }

        Interlocked.Increment(ref _dropped);
        return false;
    }

    /// <summary>Takes up to <paramref name="max"/> queued requests as rows (what the writer stores), without waiting.</summary>
    public List<LoggedPrediction> TakeRows(int max, bool storeInputs)
    {
        var rows = new List<LoggedPrediction>();
        for (var n = 0; n < max && _queue.Reader.TryRead(out var pending); n++)
        {
            rows.AddRange(PredictionRows.From(pending, storeInputs));
        }

        return rows;
    }

    /// <summary>Waits until something is queued.</summary>
    public ValueTask<bool> WaitToReadAsync(CancellationToken cancellationToken) => _queue.Reader.WaitToReadAsync(cancellationToken);
}
