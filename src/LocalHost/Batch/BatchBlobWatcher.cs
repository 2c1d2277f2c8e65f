using System.Collections.Concurrent;
using Azure.Storage.Blobs;
using Microsoft.Extensions.Options;
using Serverless.Core.Batch;

namespace Serverless.LocalHost.Batch;

/// <summary>
/// The local stand-in for the Azure Functions blob triggers: polls the input and job containers and hands each
/// new blob version to the same Core handlers.
/// </summary>
/// <remarks>
/// It behaves like the Event Grid trigger, at least once per blob version: the handlers' receipts make that
/// exactly once, so a restart (which forgets what was seen) re-offers every blob and each comes back as a
/// duplicate without being scored again. A version that is busy elsewhere or fails is offered again at the next
/// poll, up to <see cref="BatchWatcherOptions.MaxAttempts"/> failures.
/// </remarks>
internal sealed class BatchBlobWatcher(
    BatchStorage storage,
    BatchScoringHandler scoring,
    BatchJobService jobs,
    IOptions<BatchWatcherOptions> options,
    ILogger<BatchBlobWatcher> logger) : BackgroundService
{
    private readonly ConcurrentDictionary<string, string> _handled = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _failures = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Task> _running = new(StringComparer.Ordinal);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var o = options.Value;
        using var slots = new SemaphoreSlim(o.MaxConcurrentFiles);
        using var timer = new PeriodicTimer(o.WatcherPollInterval);
        try
        {
            do
            {
                try
                {
                    await storage.EnsureCreatedAsync(stoppingToken);
                    await ScanAsync(storage.Input, async name => await scoring.ScoreAsync(new BatchRequest(name), stoppingToken), slots, stoppingToken);
                    await ScanAsync(storage.Jobs, name => jobs.RunAsync(name, stoppingToken), slots, stoppingToken);
                }
                catch (Exception e) when (!(e is OperationCanceledException && stoppingToken.IsCancellationRequested))
                {
                    // Storage unreachable (Azurite starting, an outage: once the SDK's retries are spent it throws
                    // AggregateException, not RequestFailedException). An exception escaping a BackgroundService
                    // stops the whole host, so log it and try again at the next tick.
                    BatchWatcherLogs.ScanFailed(logger, e);
                }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }

        await Task.WhenAll(_running.Values).ContinueWith(_ => { }, TaskScheduler.Default);
    }

    private async Task ScanAsync(
        BlobContainerClient container, Func<string, Task<BatchOutcome?>> handle, SemaphoreSlim slots, CancellationToken cancellationToken)
    {
        await foreach (var blob in container.GetBlobsAsync(cancellationToken: cancellationToken))
        {
            var key = $"{container.Name}/{blob.Name}";
            var etag = blob.Properties.ETag?.ToString() ?? "";
            if ((_handled.TryGetValue(key, out var seen) && seen == etag) || _running.ContainsKey(key))
            {
                continue;
            }

            await slots.WaitAsync(cancellationToken);
            // Reserve the key before the task starts, so its own removal can never run first and leave it stuck.
            _running[key] = Task.CompletedTask;
            var name = blob.Name;
            var task = Task.Run(() => OfferAsync(key, name, etag, handle, slots), CancellationToken.None);
            _running.TryUpdate(key, task, Task.CompletedTask);
        }
    }

    private async Task OfferAsync(string key, string name, string etag, Func<string, Task<BatchOutcome?>> handle, SemaphoreSlim slots)
    {
        try
        {
            var outcome = await handle(name);
            if (outcome?.Kind != BatchOutcomeKind.Busy)
            {
                _handled[key] = etag;
                _failures.TryRemove(key, out _);
            }
        }
        catch (OperationCanceledException)
        {
            // Shutting down: the receipt lease expires and the next start offers the blob again.
        }
        catch (Exception e)
        {
            var failures = _failures.AddOrUpdate(key, 1, (_, n) => n + 1);
            BatchWatcherLogs.OfferFailed(logger, key, failures, e);
            if (failures >= options.Value.MaxAttempts)
            {
                _handled[key] = etag;
            }
        }
        finally
        {
            _running.TryRemove(key, out _);
            slots.Release();
        }
    }
}
