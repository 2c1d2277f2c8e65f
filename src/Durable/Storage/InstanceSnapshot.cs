using Serverless.Durable.History;

namespace Serverless.Durable.Storage;

/// <summary>An instance's partition as read by one query: sentinel, committed history, inbox and leftovers.</summary>
/// <param name="Inbox">Incoming events in arrival order, with their row keys (to delete once consumed).</param>
/// <param name="StaleRowKeys">Rows of earlier executions and uncommitted rows of failed commits, to clean up.</param>
internal sealed record InstanceSnapshot(
    Sentinel Sentinel,
    IReadOnlyList<HistoryEvent> History,
    IReadOnlyList<(string RowKey, HistoryEvent Event)> Inbox,
    IReadOnlyList<string> StaleRowKeys);
