using Azure.Storage.Queues;
using Serverless.Core.Workflows;
using Serverless.Durable.History;
using Serverless.Durable.Storage;

namespace Serverless.Durable.Engine;

/// <summary>The operations on a task hub's storage shared by the engine and the client.</summary>
/// <remarks>
/// Messages never expire (time-to-live -1): a timer message may wait up to the queue's 7-day maximum delay, and
/// the default time-to-live would drop it.
/// </remarks>
internal sealed class TaskHub
{
    private static readonly TimeSpan NeverExpires = TimeSpan.FromSeconds(-1);

    public TaskHub(DurableEngineOptions options)
    {
        Options = options;
        Storage = TaskHubStorage.Create(options);
        History = new HistoryStore(Storage.History);
        Instances = new InstanceStore(Storage.Instances);
        ControlSignal = WorkSignal.For(Storage.Control.Uri);
        WorkSignal = WorkSignal.For(Storage.WorkItems.Uri);
    }

    public DurableEngineOptions Options { get; }

    public TaskHubStorage Storage { get; }

    public HistoryStore History { get; }

    public InstanceStore Instances { get; }

    public WorkSignal ControlSignal { get; }

    public WorkSignal WorkSignal { get; }

    public static string NewExecutionId() => Guid.NewGuid().ToString("N");

    public async Task SendWakeAsync(string instanceId, CancellationToken cancellationToken)
    {
        await Storage.Control.SendMessageAsync(new ControlMessage(instanceId).Serialize(), TimeSpan.Zero, NeverExpires, cancellationToken);
        ControlSignal.Pulse();
    }

    /// <summary>Sends a timer message that becomes visible when due, or after the longest allowed delay (then re-armed).</summary>
    public Task SendTimerAsync(ControlMessage timer, CancellationToken cancellationToken)
    {
        var due = timer.FireAt!.Value - DateTime.UtcNow;
        var delay = due <= TimeSpan.Zero ? TimeSpan.Zero : due < Options.MaxTimerQueueDelay ? due : Options.MaxTimerQueueDelay;

        // Queues count visibility in whole seconds; rounding down lets the worker wait out the rest in memory.
        delay = TimeSpan.FromSeconds(Math.Floor(delay.TotalSeconds));
        return Storage.Control.SendMessageAsync(timer.Serialize(), delay, NeverExpires, cancellationToken);
    }

    public async Task SendActivityAsync(ActivityMessage activity, CancellationToken cancellationToken)
    {
        await Storage.WorkItems.SendMessageAsync(activity.Serialize(), TimeSpan.Zero, NeverExpires, cancellationToken);
        WorkSignal.Pulse();
    }

    /// <summary>Puts an incoming event in the instance's inbox and wakes the instance.</summary>
    /// <remarks>Inbox first: a wake-up that arrives before its event would find nothing to do and be deleted.</remarks>
    public async Task DeliverAsync(string instanceId, HistoryEvent incoming, CancellationToken cancellationToken)
    {
        await History.AppendInboxAsync(instanceId, incoming, cancellationToken);
        await SendWakeAsync(instanceId, cancellationToken);
    }

    /// <summary>
    /// Creates a pending instance (or restarts a finished one with a new execution) and wakes it.
    /// </summary>
    /// <returns>False when the id belongs to a pending or running instance, or a concurrent start won.</returns>
    /// <remarks>
    /// Three writes: sentinel + ExecutionStarted (one transaction; from then on the instance exists), the status row,
    /// the wake-up. A process that dies after the first leaves an instance that is Pending and never woken; status
    /// reads fall back to the history when the row is missing or from an earlier execution
    /// (<see cref="DurableWorkflowClient.GetStatusAsync"/>), so it can be seen, terminated (or sent an event, which
    /// wakes it) and started again, through the client and the HTTP API alike.
    /// </remarks>
    public async Task<bool> TryCreateInstanceAsync(
        string instanceId, string name, string? input, ParentInstance? parent, CancellationToken cancellationToken)
    {
        var existing = await History.GetSentinelAsync(instanceId, cancellationToken);
        if (existing is { Status: not (WorkflowRuntimeStatus.Completed or WorkflowRuntimeStatus.Failed or WorkflowRuntimeStatus.Terminated) })
        {
            return false;
        }

        var now = DateTime.UtcNow;
        var executionId = NewExecutionId();
        var sentinel = new Sentinel(name, executionId, 1, -1, WorkflowRuntimeStatus.Pending, null, null, DateTimeOffset.MinValue);
        var started = new HistoryEvent(HistoryEventType.ExecutionStarted, now) { Name = name, Data = input, Parent = parent };
        if (!await History.TryCreateAsync(instanceId, existing, sentinel, started, cancellationToken))
        {
            return false;
        }

        await Instances.CreateAsync(instanceId, name, executionId, input, now, cancellationToken);
        await SendWakeAsync(instanceId, cancellationToken);
        return true;
    }
}
