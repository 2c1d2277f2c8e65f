using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Serverless.Core.Monitoring.Review;

namespace Serverless.Core.Monitoring.GroundTruth;

/// <summary>
/// Drains <see cref="PredictionLog"/>'s queue to <see cref="PredictionLogStore"/> in batches, then queues the records
/// flagged for review in <see cref="ReviewQueueStore"/>, and deletes log rows and review items past
/// <see cref="PredictionLogOptions.Retention"/> every <see cref="PredictionLogOptions.PurgeInterval"/>.
/// </summary>
/// <remarks>
/// Runs apart from the hot path, writing what gathered over <see cref="Linger"/> at a time. A failed write is retried once; then its rows are dropped and counted (the log is a
/// sample: losing rows costs feedback matches, never a prediction). Review items are written after their log rows, so a
/// queued item's prediction can always be joined with its label. On shutdown what is queued is written, for up to 10 s.
/// </remarks>
public sealed class PredictionLogWriter(
    PredictionLog log, PredictionLogStore store, ReviewQueueStore reviews, TimeProvider time, IOptions<PredictionLogOptions> options,
    IOptions<ReviewOptions> reviewOptions, ILogger<PredictionLogWriter> logger)
    : BackgroundService
{
    private const int BatchRequests = 256;

    /// <summary>
    /// How long the writer lets requests gather after the first one arrives. Each Table transaction costs the instance about
    /// the same (an HTTP call and the SDK's multipart body, tens of KB allocated) for 1 row as for 100, so writing at every
    /// wake-up made the log cost more than the predictions it logs; at the default 100 rows a second this fills a transaction.
    /// </summary>
    public static readonly TimeSpan Linger = TimeSpan.FromSeconds(1);

    private readonly Lock _stopGate = new();
    private Task? _stop;
    private long _written;
    private long _lost;

    /// <summary>Rows (log rows and review items) written since start.</summary>
    public long Written => Interlocked.Read(ref _written);

    /// <summary>Rows (log rows and review items) dropped after a failed write and its retry.</summary>
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
                await Task.Delay(Linger, time, stoppingToken);
                await WriteQueuedAsync(stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }

        await purge;
    }

    /// <remarks>
    /// Once, however often it is called: a host can be stopped twice at once (WebApplicationFactory's dispose and the
    /// app's own <c>Run()</c>), and the final drain must not run twice concurrently.
    /// </remarks>
    public override Task StopAsync(CancellationToken cancellationToken)
    {
        lock (_stopGate)
        {
            return _stop ??= StopOnceAsync(cancellationToken);
        }
    }

    private async Task StopOnceAsync(CancellationToken cancellationToken)
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
            var batch = log.TakeBatch(BatchRequests, options.Value.StoreInputs, reviewOptions.Value.StoreInputs);
            if (batch.Rows.Count == 0)
            {
                return;
            }

            if (await WriteAsync(batch.Rows.Count, ct => store.WriteAsync(batch.Rows, ct), cancellationToken) && batch.Reviews.Count > 0)
            {
                await WriteAsync(batch.Reviews.Count, ct => reviews.AddAsync(batch.Reviews, ct), cancellationToken);
            }
        }
    }

    /// <returns>False when the write failed twice and its <paramref name="count"/> rows were dropped.</returns>
    private async Task<bool> WriteAsync(int count, Func<CancellationToken, Task> write, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await write(cancellationToken);
                Interlocked.Add(ref _written, count);
                return true;
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                if (attempt == 2)
                {
                    Interlocked.Add(ref _lost, count);
                    logger.PredictionLogWriteFailed(count, e);
                    return false;
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
                    var cutoff = time.GetUtcNow() - options.Value.Retention;
                    var deleted = await store.PurgeAsync(cutoff, stoppingToken) + await reviews.PurgeAsync(cutoff, stoppingToken);
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
