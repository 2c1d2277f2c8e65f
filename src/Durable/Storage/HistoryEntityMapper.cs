using System.Text.Json;
using Azure.Data.Tables;
using Serverless.Core.Serialization;
using Serverless.Core.Workflows;
using Serverless.Durable.History;

namespace Serverless.Durable.Storage;

/// <summary>Maps history and inbox events to table rows and back.</summary>
internal static class HistoryEntityMapper
{
    // Stack traces are for people; keep rows well inside the entity size limit.
    private const int MaxStackTraceChars = 8_000;

    public static TableEntity ToEntity(string partitionKey, string rowKey, HistoryEvent e)
    {
        var entity = new TableEntity(partitionKey, rowKey)
        {
            ["Type"] = e.Type.ToString(),
            ["EventTime"] = DateTime.SpecifyKind(e.Timestamp, DateTimeKind.Utc),
        };
        if (e.TaskId >= 0)
        {
            entity["TaskId"] = e.TaskId;
        }

        Set(entity, "Name", e.Name);
        Set(entity, "InstanceId", e.InstanceId);
        Set(entity, "ExecutionId", e.ExecutionId);
        Set(entity, "CustomStatus", e.CustomStatus);
        if (e.FireAt is { } fireAt)
        {
            entity["FireAt"] = DateTime.SpecifyKind(fireAt, DateTimeKind.Utc);
        }

        if (e.Parent is { } parent)
        {
            entity["ParentInstanceId"] = parent.InstanceId;
            entity["ParentExecutionId"] = parent.ExecutionId;
            entity["ParentTaskId"] = parent.TaskId;
        }

        if (e.Failure is { } failure)
        {
            entity["Failure"] = JsonSerializer.Serialize(Trim(failure), JsonDefaults.Options);
        }

        ChunkedText.Write(entity, "Data", e.Data);
        return entity;
    }

    public static HistoryEvent FromEntity(TableEntity entity)
    {
        var parentId = entity.GetString("ParentInstanceId");
        return new HistoryEvent(
            Enum.Parse<HistoryEventType>(entity.GetString("Type")),
            DateTime.SpecifyKind(entity.GetDateTime("EventTime") ?? DateTime.MinValue, DateTimeKind.Utc))
        {
            TaskId = entity.GetInt32("TaskId") ?? -1,
            Name = entity.GetString("Name"),
            InstanceId = entity.GetString("InstanceId"),
            ExecutionId = entity.GetString("ExecutionId"),
            CustomStatus = entity.GetString("CustomStatus"),
            FireAt = entity.GetDateTime("FireAt") is { } fireAt ? DateTime.SpecifyKind(fireAt, DateTimeKind.Utc) : null,
            Parent = parentId is null ? null : new ParentInstance(parentId, entity.GetString("ParentExecutionId"), entity.GetInt32("ParentTaskId") ?? -1),
            Failure = entity.GetString("Failure") is { } failure ? JsonSerializer.Deserialize<WorkflowFailureDetails>(failure, JsonDefaults.Options) : null,
            Data = ChunkedText.Read(entity, "Data"),
        };
    }

    private static void Set(TableEntity entity, string name, string? value)
    {
        if (value is not null)
        {
            entity[name] = value;
        }
    }

    private static WorkflowFailureDetails Trim(WorkflowFailureDetails failure) => failure with
    {
        StackTrace = failure.StackTrace is { Length: > MaxStackTraceChars } trace ? trace[..MaxStackTraceChars] : failure.StackTrace,
        InnerFailure = failure.InnerFailure is null ? null : Trim(failure.InnerFailure),
    };
}
