namespace Serverless.Core.Workflows;

/// <summary>A start asked for an instance id that is already pending or running.</summary>
public sealed class WorkflowInstanceExistsException(string instanceId)
    : InvalidOperationException($"An orchestration with instance id '{instanceId}' is already pending or running.")
{
    public string InstanceId { get; } = instanceId;
}
