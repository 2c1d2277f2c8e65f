namespace Serverless.Core.Workflows;

/// <summary>No instance has this id (never started, or purged).</summary>
public sealed class WorkflowInstanceNotFoundException(string instanceId)
    : InvalidOperationException($"No orchestration instance with id '{instanceId}' exists.")
{
    public string InstanceId { get; } = instanceId;
}
