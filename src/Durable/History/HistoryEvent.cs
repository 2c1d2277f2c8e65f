using Serverless.Core.Workflows;

namespace Serverless.Durable.History;

/// <summary>One event of an instance's history (one table row), or an incoming event waiting in its inbox.</summary>
/// <remarks>
/// Events are immutable and append-only; replay feeds them to the orchestrator in order. Scheduling events and the
/// completions that answer them share a <see cref="TaskId"/>: the sequence number the orchestrator gave the task.
/// Payloads (<see cref="Data"/>) are JSON.
/// </remarks>
public sealed record HistoryEvent(HistoryEventType Type, DateTime Timestamp)
{
    /// <summary>The task's sequence number; -1 for events that are not about a task.</summary>
    public int TaskId { get; init; } = -1;

    /// <summary>Activity, orchestrator or external event name.</summary>
    public string? Name { get; init; }

    /// <summary>Input, result, event payload or output, as JSON.</summary>
    public string? Data { get; init; }

    public WorkflowFailureDetails? Failure { get; init; }

    /// <summary>When a timer fires (TimerCreated, TimerFired).</summary>
    public DateTime? FireAt { get; init; }

    /// <summary>The child's instance id (SubOrchestrationCreated).</summary>
    public string? InstanceId { get; init; }

    /// <summary>The parent of a sub-orchestration (ExecutionStarted).</summary>
    public ParentInstance? Parent { get; init; }

    /// <summary>For an inbox event: the execution it is addressed to; events for another execution are dropped.</summary>
    public string? ExecutionId { get; init; }

    /// <summary>The custom status at the end of the execution (terminal events), as JSON.</summary>
    public string? CustomStatus { get; init; }

    public bool IsTerminal => Type is HistoryEventType.ExecutionCompleted or HistoryEventType.ExecutionFailed or HistoryEventType.ExecutionTerminated;

    /// <summary>An event that answers a scheduled task (by <see cref="TaskId"/>).</summary>
    public bool IsTaskCompletion => Type is HistoryEventType.TaskCompleted or HistoryEventType.TaskFailed or HistoryEventType.TimerFired
        or HistoryEventType.SubOrchestrationCompleted or HistoryEventType.SubOrchestrationFailed;

    /// <summary>An event the orchestrator itself caused by scheduling a task.</summary>
    public bool IsScheduling => Type is HistoryEventType.TaskScheduled or HistoryEventType.TimerCreated or HistoryEventType.SubOrchestrationCreated;
}
