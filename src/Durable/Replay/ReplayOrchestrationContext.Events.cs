using Serverless.Durable.History;

namespace Serverless.Durable.Replay;

internal sealed partial class ReplayOrchestrationContext
{
    // External event names are case-insensitive in Durable Task.
    private readonly Dictionary<string, LinkedList<IEventWaiter>> _waiters = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, Queue<HistoryEvent>> _buffered = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<HistoryEvent> _bufferedInOrder = [];

    public Task<T> WaitForExternalEvent<T>(string name, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);

        // An event raised before anyone waited was buffered; the first waiter takes it.
        if (_buffered.TryGetValue(name, out var queue) && queue.TryDequeue(out var early))
        {
            _bufferedInOrder.Remove(early);
            try
            {
                return Task.FromResult(EventWaiter<T>.Deserialize(early.Data));
            }
            catch (System.Text.Json.JsonException e)
            {
                return Task.FromException<T>(e);
            }
        }

        var waiter = new EventWaiter<T>();
        if (!_waiters.TryGetValue(name, out var list))
        {
            _waiters[name] = list = new LinkedList<IEventWaiter>();
        }

        var node = list.AddLast(waiter);
        if (cancellationToken.CanBeCanceled)
        {
            cancellationToken.Register(() =>
            {
                if (node.List is not null)
                {
                    list.Remove(node);
                }

                waiter.Cancel(cancellationToken);
            });
        }

        return waiter.Task;
    }

    // Mirrors TaskOrchestrationContext.WaitForExternalEvent(name, timeout): a durable timer (scheduled first) races the
    // event; the loser is cancelled, so a timeout surfaces as TaskCanceledException from the event task.
    public async Task<T> WaitForExternalEvent<T>(string name, TimeSpan timeout)
    {
        using var timerCts = new CancellationTokenSource();
        var timeoutTask = CreateTimer(timeout, timerCts.Token);
        using var eventCts = new CancellationTokenSource();
        var eventTask = WaitForExternalEvent<T>(name, eventCts.Token);
        var winner = await Task.WhenAny(timeoutTask, eventTask);
        if (winner == eventTask)
        {
            timerCts.Cancel();
        }
        else
        {
            eventCts.Cancel();
        }

        return await eventTask;
    }

    /// <summary>External events received but not consumed, in arrival order (carried over by ContinueAsNew).</summary>
    public IReadOnlyList<HistoryEvent> UnprocessedEvents => _bufferedInOrder;

    private void DeliverEvent(HistoryEvent raised)
    {
        var name = raised.Name ?? string.Empty;
        if (_waiters.TryGetValue(name, out var list))
        {
            while (list.First is { } first)
            {
                list.RemoveFirst();
                if (first.Value.TryDeliver(raised.Data))
                {
                    return;
                }
            }
        }

        if (!_buffered.TryGetValue(name, out var queue))
        {
            _buffered[name] = queue = new Queue<HistoryEvent>();
        }

        queue.Enqueue(raised);
        _bufferedInOrder.Add(raised);
    }
}
