namespace Serverless.Core.Workflows;

/// <summary>
/// Starts and manages orchestration instances: the subset of Durable Task's <c>DurableTaskClient</c> our hosts use.
/// </summary>
/// <remarks>Payloads are serialised with System.Text.Json and <see cref="Serialization.JsonDefaults.Options"/>.</remarks>
public interface IWorkflowClient
{
    /// <summary>Starts an instance of orchestrator <paramref name="name"/> and returns its id.</summary>
    /// <remarks>
    /// A new id is generated when <paramref name="instanceId"/> is null. Reusing the id of a completed, failed or
    /// terminated instance starts it afresh; reusing the id of a pending or running one throws
    /// <see cref="WorkflowInstanceExistsException"/>.
    /// </remarks>
    Task<string> StartAsync(string name, object? input = null, string? instanceId = null, CancellationToken cancellationToken = default);

    /// <summary>Sends an external event to an instance.</summary>
    /// <remarks>
    /// The event is stored durably and delivered even when the orchestrator is not waiting yet. Events sent to an
    /// instance that has already finished are discarded. Throws <see cref="WorkflowInstanceNotFoundException"/>
    /// for an unknown id.
    /// </remarks>
    Task RaiseEventAsync(string instanceId, string eventName, object? payload = null, CancellationToken cancellationToken = default);

    /// <summary>The instance's status with input, output and custom status, or null when it does not exist.</summary>
    Task<WorkflowStatus?> GetStatusAsync(string instanceId, CancellationToken cancellationToken = default);

    /// <summary>Waits until the instance is completed, failed or terminated, and returns its final status.</summary>
    Task<WorkflowStatus> WaitForCompletionAsync(string instanceId, CancellationToken cancellationToken = default);

    /// <summary>Asks a pending or running instance to stop; it ends as <see cref="WorkflowRuntimeStatus.Terminated"/>.</summary>
    /// <remarks>Asynchronous: the status changes when the instance next runs. Sub-orchestrations are not terminated.</remarks>
    Task TerminateAsync(string instanceId, object? output = null, CancellationToken cancellationToken = default);

    /// <summary>Deletes the history and status of a finished instance; false when there was nothing to delete.</summary>
    /// <remarks>A pending or running instance is not purged (false); terminate it first.</remarks>
    Task<bool> PurgeAsync(string instanceId, CancellationToken cancellationToken = default);
}
