namespace Serverless.Durable.History;

/// <summary>The kinds of event in an instance's history, named as in the Durable Task Framework.</summary>
public enum HistoryEventType
{
    /// <summary>First event of an execution: orchestrator name, input, parent (for a sub-orchestration).</summary>
    ExecutionStarted,

    /// <summary>Start of an episode; its timestamp is <c>CurrentUtcDateTime</c> for the code that follows.</summary>
    OrchestratorStarted,

    TaskScheduled,
    TaskCompleted,
    TaskFailed,
    TimerCreated,
    TimerFired,
    SubOrchestrationCreated,
    SubOrchestrationCompleted,
    SubOrchestrationFailed,
    EventRaised,
    ExecutionCompleted,
    ExecutionFailed,
    ExecutionTerminated,

    /// <summary>The execution restarted with new input; its history is replaced by a new execution's.</summary>
    ContinuedAsNew,
}
