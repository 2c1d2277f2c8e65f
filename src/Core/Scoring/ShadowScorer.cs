using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Serverless.Core.Scoring;

/// <summary>
/// Shadow mode: scores a sampled copy of live record requests on the challenger, off the response path, and records
/// how it compared with what was served (<see cref="IScoringObserver.RecordShadow"/>).
/// </summary>
/// <remarks>
/// <see cref="TryEnqueue"/> never blocks and never throws: the queue is bounded (<see cref="Capacity"/> requests) and a
/// full queue drops the copy (<see cref="IScoringObserver.RecordShadowDropped"/>). One background reader parses the copied
/// body with the challenger's own encoder (its schema may differ) and compares with the champion's predictions, which
/// the request already computed: a slow or failing shadow costs one core's share of CPU, never response latency or
/// errors. The shadow's own scoring is recorded as its version's traffic on the <see cref="ScoringEndpoints.Shadow"/>
/// endpoint, so health analysis sees its latency, errors and score distribution before it takes real traffic.
/// </remarks>
public sealed class ShadowScorer(RecordScorer scorer, IScoringObserver observer, ILogger<ShadowScorer> logger) : BackgroundService
{
    public const int Capacity = 256;

    private readonly Channel<ShadowCopy> _queue = Channel.CreateBounded<ShadowCopy>(
        new BoundedChannelOptions(Capacity) { FullMode = BoundedChannelFullMode.Wait, SingleReader = true });
    private long _scored;

    /// <summary>Copies scored and compared (for tests and diagnostics).</summary>
    public long Scored => Interlocked.Read(ref _scored);

    /// <summary>Queues a copy of the request for <paramref name="shadow"/>; false (dropped) when the queue is full.</summary>
    /// <param name="served">The model that answered.</param>
    /// <param name="predictions">What it answered (fresh arrays per call, so holding them is safe).</param>
    public bool TryEnqueue(IScoringModel served, TabularPredictions predictions, IScoringModel shadow, ReadOnlySpan<byte> body)
    {
        if (_queue.Writer.TryWrite(new ShadowCopy(served, predictions, shadow, body.ToArray())))
        {
            return true;
        }

        observer.RecordShadowDropped(served.Manifest, shadow.Manifest.Version);
        return false;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var copy in _queue.Reader.ReadAllAsync(stoppingToken).ConfigureAwait(false))
            {
                try
                {
                    Compare(copy);
                }
                catch (Exception e) when (e is not OutOfMemoryException)
                {
                    // A shadow that cannot score (a retired session, a schema it refuses) is the challenger's problem, not the caller's.
                    logger.ShadowFailed(copy.Shadow.Manifest.Name, copy.Shadow.Manifest.Version, e);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Host shutdown: queued copies are dropped; they were never part of a response.
        }
    }

    private void Compare(ShadowCopy copy)
    {
        if (copy.Shadow.Encoder is null
            || !scorer.TryPredict(copy.Shadow, copy.Body, new ScoringCall(null), ScoringEndpoints.Shadow, out var predictions, out _))
        {
            return;
        }

        var comparison = ShadowComparison.Of(copy.Predictions, predictions);
        if (comparison.Compared > 0)
        {
            observer.RecordShadow(copy.Served.Manifest, copy.Shadow.Manifest.Version, comparison);
        }

        Interlocked.Increment(ref _scored);
    }

    private sealed record ShadowCopy(IScoringModel Served, TabularPredictions Predictions, IScoringModel Shadow, byte[] Body);
}
