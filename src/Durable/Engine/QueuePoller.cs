using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using Microsoft.Extensions.Logging;

namespace Serverless.Durable.Engine;

/// <summary>
/// Receives messages from one queue and runs a handler for each, at most <c>concurrency</c> at a time. Polls with a
/// back-off that doubles up to a maximum while the queue is empty, and wakes early on an in-process pulse.
/// </summary>
/// <remarks>
/// The handler owns the message: it deletes it when done. A message whose handler throws stays in the queue and
/// reappears after its visibility timeout (at-least-once).
/// </remarks>
internal sealed class QueuePoller(
    QueueClient queue,
    WorkSignal signal,
    int concurrency,
    TimeSpan visibilityTimeout,
    TimeSpan maxPollingInterval,
    Func<QueueMessage, CancellationToken, Task> handle,
    ILogger logger)
{
    private const int MaxBatch = 32;
    private static readonly TimeSpan MinPollingInterval = TimeSpan.FromMilliseconds(10);

    public async Task RunAsync(CancellationToken stopping)
    {
        using var slots = new SemaphoreSlim(concurrency, concurrency);
        var running = new HashSet<Task>();
        var interval = MinPollingInterval;
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                await slots.WaitAsync(stopping);
            }
            catch (OperationCanceledException)
            {
                break;
            }

            var free = 1;
            while (free < MaxBatch && slots.Wait(0))
            {
                free++;
            }

            var pulse = signal.Next;
            QueueMessage[] messages;
            try
            {
                messages = (await queue.ReceiveMessagesAsync(free, visibilityTimeout, stopping)).Value;
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                slots.Release(free);
                break;
            }
            catch (Exception e)
            {
                // Any failure, not just the expected ones: when every SDK retry fails at transport level, Azure.Core
                // throws AggregateException ("Retry failed after N tries"). Letting anything escape would end this
                // loop, leave the faulted task unobserved, and stop the queue being read for the life of the process.
                slots.Release(free);
                Logs.ReceiveFailed(logger, queue.Name, e);
                await Delay(pulse, maxPollingInterval, stopping);
                continue;
            }

            if (free > messages.Length)
            {
                slots.Release(free - messages.Length);
            }

            if (messages.Length == 0)
            {
                await Delay(pulse, interval, stopping);
                interval = TimeSpan.FromTicks(Math.Min(interval.Ticks * 2, maxPollingInterval.Ticks));
                continue;
            }

            interval = MinPollingInterval;
            lock (running)
            {
                running.RemoveWhere(t => t.IsCompleted);
                foreach (var message in messages)
                {
                    running.Add(RunOneAsync(message, slots, stopping));
                }
            }
        }

        Task[] remaining;
        lock (running)
        {
            remaining = [.. running];
        }

        await Task.WhenAll(remaining);
    }

    private async Task RunOneAsync(QueueMessage message, SemaphoreSlim slots, CancellationToken stopping)
    {
        await Task.Yield();
        try
        {
            await handle(message, stopping);
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // Stopping: the message reappears after its visibility timeout and another worker takes it.
        }
        catch (Exception e)
        {
            // Left in the queue: it reappears after its visibility timeout.
            Logs.MessageFailed(logger, queue.Name, message.MessageId, message.DequeueCount, e);
        }
        finally
        {
            slots.Release();
        }
    }

    private static async Task Delay(Task pulse, TimeSpan interval, CancellationToken stopping)
    {
        try
        {
            await pulse.WaitAsync(interval, stopping);
        }
        catch (Exception e) when (e is TimeoutException or OperationCanceledException)
        {
            // Either way: poll again (or stop).
        }
    }
}
