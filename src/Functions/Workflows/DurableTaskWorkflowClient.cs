using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Serverless.Core.Workflows;

namespace Serverless.Functions.Workflows;

/// <summary>
/// <see cref="IWorkflowClient"/> over Durable Functions' <see cref="DurableTaskClient"/> (from a <c>[DurableClient]</c>
/// parameter): the same start, event, status, terminate and purge semantics as the embedded engine's client.
/// </summary>
/// <remarks>
/// The "already running" and "not found" checks read the instance first, as Durable Task itself does not refuse a
/// duplicate start on every backend; two concurrent starts of one id may both pass the check.
/// </remarks>
public sealed class DurableTaskWorkflowClient(DurableTaskClient client) : IWorkflowClient
{
    public async Task<string> StartAsync(string name, object? input = null, string? instanceId = null, CancellationToken cancellationToken = default)
    {
        if (instanceId is not null && await client.GetInstanceAsync(instanceId, false, cancellationToken) is { } existing && !IsFinished(existing.RuntimeStatus))
        {
            throw new WorkflowInstanceExistsException(instanceId);
        }

        var options = instanceId is null ? null : new StartOrchestrationOptions(InstanceId: instanceId);
        return await client.ScheduleNewOrchestrationInstanceAsync(name, input, options, cancellationToken);
    }

    public async Task RaiseEventAsync(string instanceId, string eventName, object? payload = null, CancellationToken cancellationToken = default)
    {
        var existing = await client.GetInstanceAsync(instanceId, false, cancellationToken) ?? throw new WorkflowInstanceNotFoundException(instanceId);
        if (!IsFinished(existing.RuntimeStatus))
        {
            await client.RaiseEventAsync(instanceId, eventName, payload, cancellationToken);
        }
    }

    public async Task<WorkflowStatus?> GetStatusAsync(string instanceId, CancellationToken cancellationToken = default) =>
        await client.GetInstanceAsync(instanceId, true, cancellationToken) is { } metadata ? ToStatus(metadata) : null;

    public async Task<WorkflowStatus> WaitForCompletionAsync(string instanceId, CancellationToken cancellationToken = default) =>
        ToStatus(await client.WaitForInstanceCompletionAsync(instanceId, true, cancellationToken));

    public async Task TerminateAsync(string instanceId, object? output = null, CancellationToken cancellationToken = default)
    {
        var existing = await client.GetInstanceAsync(instanceId, false, cancellationToken) ?? throw new WorkflowInstanceNotFoundException(instanceId);
        if (!IsFinished(existing.RuntimeStatus))
        {
            await client.TerminateInstanceAsync(instanceId, output, cancellationToken);
        }
    }

    public async Task<bool> PurgeAsync(string instanceId, CancellationToken cancellationToken = default)
    {
        var existing = await client.GetInstanceAsync(instanceId, false, cancellationToken);
        if (existing is null || !IsFinished(existing.RuntimeStatus))
        {
            return false;
        }

        var result = await client.PurgeInstanceAsync(instanceId, cancellationToken);
        return result.PurgedInstanceCount > 0;
    }

    private static bool IsFinished(OrchestrationRuntimeStatus status) =>
        status is OrchestrationRuntimeStatus.Completed or OrchestrationRuntimeStatus.Failed or OrchestrationRuntimeStatus.Terminated;

    private static WorkflowStatus ToStatus(OrchestrationMetadata metadata) => new(
        metadata.InstanceId,
        metadata.Name,
        metadata.RuntimeStatus switch
        {
            OrchestrationRuntimeStatus.Pending => WorkflowRuntimeStatus.Pending,
            OrchestrationRuntimeStatus.Completed => WorkflowRuntimeStatus.Completed,
            OrchestrationRuntimeStatus.ContinuedAsNew => WorkflowRuntimeStatus.ContinuedAsNew,
            OrchestrationRuntimeStatus.Failed => WorkflowRuntimeStatus.Failed,
            OrchestrationRuntimeStatus.Terminated => WorkflowRuntimeStatus.Terminated,

            // Suspended (not used by our workflows) is still in flight; Canceled is obsolete in Durable Task.
            _ => WorkflowRuntimeStatus.Running,
        },
        metadata.CreatedAt,
        metadata.LastUpdatedAt,
        metadata.SerializedInput,
        metadata.SerializedOutput,
        metadata.SerializedCustomStatus,
        metadata.FailureDetails is { } failure ? DurableFailureDetails.ToWorkflow(failure) : null);
}
