using Azure;
using Azure.Data.Tables;
using Serverless.Core.Workflows;

namespace Serverless.Durable.Storage;

/// <summary>
/// The control row of an instance's history partition: which execution is current, how many of its history rows
/// are committed, what still needs dispatching, and who holds the lease. Every change is ETag-conditional.
/// </summary>
/// <remarks>
/// Rows beyond <see cref="HistoryLength"/> are invisible, so a commit larger than one table transaction (100 rows)
/// writes its rows first and becomes visible atomically when the sentinel is updated. <see cref="PendingFrom"/> is
/// the first committed row whose messages may not have been sent yet (-1 when all were sent): a worker that dies
/// after a commit leaves it set, and the next episode sends them again (at-least-once).
/// </remarks>
internal sealed record Sentinel(
    string Name,
    string ExecutionId,
    int HistoryLength,
    int PendingFrom,
    WorkflowRuntimeStatus Status,
    string? CustomStatus,
    string? LockedBy,
    DateTimeOffset LockedUntil)
{
    public const string RowKey = "sentinel";

    public ETag ETag { get; init; }

    /// <summary>
    /// Whether an unexpired lease is held, by another worker or by another episode of this one: a worker releases its
    /// lease at the end of every episode, so a lease it still holds belongs to an episode in flight.
    /// </summary>
    public bool IsLocked(DateTimeOffset now) => LockedBy is not null && LockedUntil > now;

    public TableEntity ToEntity(string instanceId) => new(instanceId, RowKey)
    {
        ["Name"] = Name,
        ["ExecutionId"] = ExecutionId,
        ["HistoryLength"] = HistoryLength,
        ["PendingFrom"] = PendingFrom,
        ["Status"] = Status.ToString(),
        ["CustomStatus"] = CustomStatus,
        ["LockedBy"] = LockedBy,
        ["LockedUntil"] = LockedUntil,
        ETag = ETag,
    };

    public static Sentinel FromEntity(TableEntity entity) => new(
        entity.GetString("Name"),
        entity.GetString("ExecutionId"),
        entity.GetInt32("HistoryLength") ?? 0,
        entity.GetInt32("PendingFrom") ?? -1,
        Enum.Parse<WorkflowRuntimeStatus>(entity.GetString("Status")),
        entity.GetString("CustomStatus"),
        entity.GetString("LockedBy"),
        entity.GetDateTimeOffset("LockedUntil") ?? DateTimeOffset.MinValue)
    {
        ETag = entity.ETag,
    };
}
