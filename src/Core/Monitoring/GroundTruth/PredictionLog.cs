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
/// served regardless. At most <see cref="PredictionLogOptions.MaxRowsPerSecond"/> sampled rows a second are logged. The
/// only per-request work is the sampling hash and one copy of the encoded rows. Thread-safe singleton.
/// </remarks>
public sealed class PredictionLog
{
    private readonly Channel<PendingPredictions> _queue;
    private readonly double _rate;
    private readonly TimeProvider _time;
    private readonly RowRateLimit _limit;
    private long _dropped;
    private long _throttled;

    public PredictionLog(IOptions<PredictionLogOptions> options, TimeProvider time)
    {
        var o = options.Value;
        Enabled = o.Enabled;
        _rate = o.SampleRate;
        _time = time;
        _limit = new RowRateLimit(o.MaxRowsPerSecond, time);
        _queue = Channel.CreateBounded<PendingPredictions>(
            new BoundedChannelOptions(o.QueueCapacity) { FullMode = BoundedChannelFullMode.Wait, SingleReader = true });
    }

    public bool Enabled { get; }

    /// <summary>Requests not logged because the queue was full.</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    /// <summary>Sampled requests not logged because this second's <see cref="PredictionLogOptions.MaxRowsPerSecond"/> was used up.</summary>
    public long Throttled => Interlocked.Read(ref _throttled);

    internal ChannelReader<PendingPredictions> Reader => _queue.Reader;

    /// <summary>
    /// Queues a scored request when it has a request id, tabular predictions and is sampled. Sampling is skipped below
    /// full automation where every prediction must be logged: levels <c>human</c> and <c>shadow</c>, and any request
    /// with a record to review (<see cref="ScoringCall.Review"/>; the writer also queues those for review).
    /// </summary>
    /// <returns>True when queued; false when not logged (not sampled, nothing to log, or the queue is full).</returns>
    public bool TryEnqueue(ModelManifest manifest, string endpoint, ReadOnlySpan<float> features, int rows, TabularPredictions? predictions, in ScoringCall call)
    {
        if (!Enabled || predictions is null || call.RequestId is not { } id || rows <= 0)
        {
            return false;
        }

        if (MustLog(call))
        {
            _limit.Take(rows);
        }
        else if (!PredictionSampler.IsSampled(id, _rate))
        {
            return false;
        }
        else if (!_limit.TryTake(rows))
        {
            Interlocked.Increment(ref _throttled);
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

    /// <summary>
    /// Takes up to <paramref name="max"/> queued requests as log rows and review items (what the writer stores), without waiting.
    /// </summary>
    /// <param name="storeInputs">Keep each encoded row in the log (<see cref="PredictionLogOptions.StoreInputs"/>).</param>
    /// <param name="storeReviewRecords">Keep each review item's decoded record (<c>Monitoring:Review:StoreInputs</c>).</param>
    public PredictionBatch TakeBatch(int max, bool storeInputs, bool storeReviewRecords)
    {
        var batch = new PredictionBatch([], []);
        for (var n = 0; n < max && _queue.Reader.TryRead(out var pending); n++)
        {
            PredictionRows.Add(pending, storeInputs, storeReviewRecords, batch);
        }

        return batch;
    }

    private static bool MustLog(in ScoringCall call) =>
        call.Review is not null || call.Automation is { Level: AutomationLevel.Human or AutomationLevel.Shadow };

    /// <summary>Waits until something is queued.</summary>
    public ValueTask<bool> WaitToReadAsync(CancellationToken cancellationToken) => _queue.Reader.WaitToReadAsync(cancellationToken);
}
