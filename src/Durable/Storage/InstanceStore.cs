using System.Text.Json;
using Azure.Data.Tables;
using Serverless.Core.Serialization;
using Serverless.Core.Workflows;

namespace Serverless.Durable.Storage;

/// <summary>
/// Instance status rows in the <c>{hub}Instances</c> table (partition = instance id), read by status queries.
/// </summary>
/// <remarks>
/// A projection of the history partition, written after each commit that changes the status. A crash between the
/// commit and this write leaves the sentinel's dispatch marker set, and the next episode writes the status again.
/// </remarks>
internal sealed class InstanceStore(TableClient table)
{
    private const string RowKey = "";

    public Task CreateAsync(string instanceId, string name, string executionId, string? input, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var entity = new TableEntity(instanceId, RowKey)
        {
            ["Name"] = name,
            ["ExecutionId"] = executionId,
            ["RuntimeStatus"] = nameof(WorkflowRuntimeStatus.Pending),
            ["CreatedAt"] = now,
            ["LastUpdatedAt"] = now,
            ["CustomStatus"] = string.Empty,
            ["Failure"] = string.Empty,
        };
        ChunkedText.Write(entity, "Input", input);
        ChunkedText.Write(entity, "Output", null);
        return table.UpsertEntityAsync(entity, TableUpdateMode.Replace, cancellationToken);
    }

    /// <summary>Records a new runtime status; <paramref name="newInput"/> is set when the instance continued as new.</summary>
    public Task UpdateAsync(
        string instanceId,
        WorkflowRuntimeStatus status,
        string? customStatus,
        string? output,
        WorkflowFailureDetails? failure,
        (string ExecutionId, string? Input)? continuedAsNew,
        CancellationToken cancellationToken)
    {
        var entity = new TableEntity(instanceId, RowKey)
        {
            ["RuntimeStatus"] = status.ToString(),
            ["LastUpdatedAt"] = DateTimeOffset.UtcNow,
            ["CustomStatus"] = customStatus ?? string.Empty,
            ["Failure"] = failure is null ? string.Empty : JsonSerializer.Serialize(failure, JsonDefaults.Options),
        };
        ChunkedText.Write(entity, "Output", output);
        if (continuedAsNew is { } next)
        {
            entity["ExecutionId"] = next.ExecutionId;
            ChunkedText.Write(entity, "Input", next.Input);
        }

        return table.UpsertEntityAsync(entity, TableUpdateMode.Merge, cancellationToken);
    }

    /// <summary>The instance's row; null when there is none.</summary>
    public async Task<StatusRow?> GetAsync(string instanceId, CancellationToken cancellationToken)
    {
        var response = await table.GetEntityIfExistsAsync<TableEntity>(instanceId, RowKey, cancellationToken: cancellationToken);
        if (!response.HasValue)
        {
            return null;
        }

        var entity = response.Value!;
        if (entity.GetString("Name") is not { } name)
        {
            return new StatusRow(null, null);
        }

        return new StatusRow(
            new WorkflowStatus(
                instanceId,
                name,
                Enum.Parse<WorkflowRuntimeStatus>(entity.GetString("RuntimeStatus")),
                entity.GetDateTimeOffset("CreatedAt") ?? DateTimeOffset.MinValue,
                entity.GetDateTimeOffset("LastUpdatedAt") ?? DateTimeOffset.MinValue,
                ChunkedText.Read(entity, "Input"),
                ChunkedText.Read(entity, "Output"),
                entity.GetString("CustomStatus") is { Length: > 0 } custom ? custom : null,
                entity.GetString("Failure") is { Length: > 0 } failure ? JsonSerializer.Deserialize<WorkflowFailureDetails>(failure, JsonDefaults.Options) : null),
            entity.GetString("ExecutionId"));
    }

    public Task DeleteAsync(string instanceId, CancellationToken cancellationToken) =>
        table.DeleteEntityAsync(instanceId, RowKey, Azure.ETag.All, cancellationToken);
}
