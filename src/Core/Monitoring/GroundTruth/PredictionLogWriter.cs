using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Serverless.Core.Monitoring.GroundTruth;

/// <summary>
/// Drains <see cref="PredictionLog"/>'s queue to <see cref="PredictionLogStore"/> in batches, and deletes rows past
/// <see cref="PredictionLogOptions.Retention"/> every <see cref="PredictionLogOptions.PurgeInterval"/>.
/// </summary>
/// <remarks>
/// Runs apart from the hot path. A failed write is retried once; then its rows are dropped and counted (the log is a
/// sample: losing rows costs feedback matches, never a prediction). On shutdown what is queued is written, for up to 10 s.
/// </remarks>
public sealed class PredictionLogWriter(
    PredictionLog log, PredictionLogStore store, TimeProvider time, IOptions<PredictionLogOptions> options, ILogger<PredictionLogWriter> logger)
    : BackgroundService
{
    private const int BatchRequests = 256;
    private long _written;
    private long _lost;

    /// <summary>Rows written since start.</summary>
    public long Written => Interlocked.Read(ref _written);

    /// <summary>Rows dropped after a failed write and its retry.</summary>
    public long Lost => Interlocked.Read(ref _lost);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!log.Enabled)
        {
            return;
        }

        var purge = Task.Run(() => PurgeLoopAsync(stoppingToken), CancellationToken.None);
        try
        {
            while (await log.WaitToReadAsync(stoppingToken))
            {
                await WriteQueuedAsync(stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }

        await purge;
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        if (log.Enabled)
        {
            using var bounded = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            bounded.CancelAfter(TimeSpan.FromSeconds(10));
            try
            {
                await WriteQueuedAsync(bounded.Token);
            }
            catch (OperationCanceledException)
            {
            }
        }
    }

    /// <summary>Writes everything queued now, in batches. Not concurrent with itself (one reader).</summary>
    internal async Task WriteQueuedAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var batch = log.TakeRows(BatchRequests, options.Value.StoreInputs);
            if (batch.Count == 0)
            {
                return;
            }

            await WriteAsync(batch, cancellationToken);
        }
    }

    private async Task WriteAsync(List<LoggedPrediction> batch, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await store.WriteAsync(batch, cancellationToken);
                Interlocked.Add(ref _written, batch.Count);
                return;
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                if (attempt == 2)
                {
                    Interlocked.Add(ref _lost, batch.Count);
                    logger.PredictionLogWriteFailed(batch.Count, e);
                    return;
                }

                await Task.Delay(TimeSpan.FromSeconds(1), time, cancellationToken);
            }
        }
    }

    private async Task PurgeLoopAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.PurgeInterval, time);
        try
        {
            do
            {
                try
                {
                    var deleted = await store.PurgeAsync(time.GetUtcNow() - options.Value.Retention, stoppingToken);
                    if (deleted > 0)
                    {
                        logger.PredictionLogPurged(deleted);
                    }
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    logger.PredictionLogPurgeFailed(e);
                }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
