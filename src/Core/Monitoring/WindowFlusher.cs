using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Serverless.Core.Monitoring;

/// <summary>
/// Writes this instance's window aggregates to <see cref="WindowStore"/> every
/// <see cref="MonitoringOptions.FlushInterval"/>, and once more on shutdown.
/// </summary>
/// <remarks>
/// Each write replaces the instance's row with its running total for that minute, so a retried or repeated flush
/// never double-counts. A minute is forgotten only after it has closed and been written; a failed write keeps it
/// for the next flush. Runs apart from the hot path: scoring never waits on storage.
/// </remarks>
public sealed class WindowFlusher(
    ScoringRecorder recorder, WindowStore store, TimeProvider time, IOptions<MonitoringOptions> options, ILogger<WindowFlusher> logger)
    : BackgroundService
{
    // Never disposed: without AvailableWaitHandle a SemaphoreSlim holds nothing to release, and a flush may run at stop.
    private readonly SemaphoreSlim _gate = new(1, 1);

    /// <summary>This instance's name in window rows.</summary>
    public string Instance { get; } = options.Value.InstanceId is { Length: > 0 } id
        ? id
        : $"{Sanitize(Environment.MachineName)}.{Environment.ProcessId}.{Guid.NewGuid().ToString("N")[..8]}";

    /// <summary>Writes every window changed since the last flush. Safe to call concurrently (calls queue).</summary>
    /// <returns>How many rows were written.</returns>
    public async Task<int> FlushAsync(CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            // The minute before the current one stays in memory one more flush, for writers that read the clock late.
            var closedBefore = WindowKey.MinuteOf(time.GetUtcNow()).AddMinutes(-1);
            var written = 0;
            foreach (var monitor in recorder.Monitors)
            {
                var pending = monitor.TakeForFlush(closedBefore);
                var manifest = monitor.Layout.Manifest;
                var done = 0;
                try
                {
                    foreach (var (accumulator, snapshot) in pending)
                    {
                        await store.WriteAsync(new WindowKey(manifest.Name, manifest.Version, accumulator.Minute), Instance, snapshot, cancellationToken);
                        done++;
                        written++;
                    }
                }
                catch (Exception e)
                {
                    monitor.Restore(pending.Skip(done).Select(p => p.Accumulator));
                    if (e is OperationCanceledException && cancellationToken.IsCancellationRequested)
                    {
                        throw;
                    }

                    logger.FlushFailed(pending.Count - done, e);
                }
            }

            return written;
        }
        finally
        {
            _gate.Release();
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!recorder.Enabled)
        {
            return;
        }

        using var timer = new PeriodicTimer(options.Value.FlushInterval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                await FlushAsync(stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        if (recorder.Enabled)
        {
            // The last partial minute: without this a scaled-in instance would lose up to one interval of counts.
            using var bounded = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            bounded.CancelAfter(TimeSpan.FromSeconds(10));
            try
            {
                await FlushAsync(bounded.Token);
            }
            catch (OperationCanceledException)
            {
            }
        }
    }

    private static string Sanitize(string name) =>
        new(name.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' ? c : '_').Take(40).ToArray());
}
