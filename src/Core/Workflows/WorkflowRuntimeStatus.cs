namespace Serverless.Core.Workflows;

/// <summary>The runtime status of an instance, as Durable Task's <c>OrchestrationRuntimeStatus</c>.</summary>
public enum WorkflowRuntimeStatus
{
    /// <summary>Created, not yet run.</summary>
    Pending,

    Running,

    Completed,

    /// <summary>Transient: the instance restarted itself with <see cref="IOrchestrationContext.ContinueAsNew"/>.</summary>
    ContinuedAsNew,

    Failed,

    Terminated,
}
