using Serverless.Core.Workflows;
using Serverless.Durable.History;

namespace Serverless.Durable.Storage;

/// <summary>An instance's status derived from its history partition, the source of truth the status table projects.</summary>
/// <remarks>
/// Used when the projection is missing or describes an earlier execution: a start interrupted after writing the
/// history but before its status row. Created is the current execution's start, as a restart of the id would record.
/// </remarks>
internal static class HistoryStatus
{
    public static WorkflowStatus From(string instanceId, InstanceSnapshot snapshot)
    {
        var started = snapshot.History[0];
        var last = snapshot.History[^1];
        return new WorkflowStatus(
            instanceId,
            snapshot.Sentinel.Name,
            snapshot.Sentinel.Status,
            Utc(started.Timestamp),
            Utc(last.Timestamp),
            started.Data,
            last.Type is HistoryEventType.ExecutionCompleted or HistoryEventType.ExecutionTerminated ? last.Data : null,
            snapshot.Sentinel.CustomStatus,
            last.Type == HistoryEventType.ExecutionFailed ? last.Failure : null);
    }

    private static DateTimeOffset Utc(DateTime timestamp) => new(DateTime.SpecifyKind(timestamp, DateTimeKind.Utc));
}
