using System.Collections.Concurrent;

namespace Serverless.Durable.Engine;

/// <summary>
/// An in-process nudge that work was queued, so idle pollers in this process look at the queue at once instead
/// of after their back-off. Other processes still find the work by polling.
/// </summary>
/// <remarks>Thread-safe; a pulse wakes every current waiter.</remarks>
internal sealed class WorkSignal
{
    private static readonly ConcurrentDictionary<string, WorkSignal> Signals = new(StringComparer.Ordinal);
    private TaskCompletionSource _next = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>The signal shared in this process by everything that uses queue <paramref name="queueUri"/>.</summary>
    public static WorkSignal For(Uri queueUri) => Signals.GetOrAdd(queueUri.AbsoluteUri, _ => new WorkSignal());

    /// <summary>Completes on the next pulse; take it before looking at the queue, so no pulse is missed.</summary>
    public Task Next => Volatile.Read(ref _next).Task;

    public void Pulse() =>
        Interlocked.Exchange(ref _next, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
}
