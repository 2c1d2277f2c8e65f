namespace Serverless.Durable.History;

/// <summary>The orchestration that started a sub-orchestration, and the task in it that awaits the result.</summary>
public sealed record ParentInstance(string InstanceId, string ExecutionId, int TaskId);
