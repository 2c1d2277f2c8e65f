using Azure;
using Azure.Data.Tables;
using Serverless.Durable.History;

namespace Serverless.Durable.Storage;

/// <summary>
/// Instances' history partitions in the <c>{hub}History</c> table: partition = instance id; a sentinel row, one row
/// per history event (<c>h-{execution}-{index}</c>) and inbox rows for incoming events (<c>i-{ticks}-{guid}</c>).
/// </summary>
/// <remarks>All writes that change an instance's state are conditional on the sentinel's ETag (see <see cref="Sentinel"/>).</remarks>
internal sealed partial class HistoryStore(TableClient table)
{
    public async Task<Sentinel?> GetSentinelAsync(string instanceId, CancellationToken cancellationToken)
    {
        var response = await table.GetEntityIfExistsAsync<TableEntity>(instanceId, Sentinel.RowKey, cancellationToken: cancellationToken);
        return response.HasValue ? Sentinel.FromEntity(response.Value!) : null;
    }

    /// <summary>Reads the whole partition in one query; null when the instance does not exist.</summary>
    public async Task<InstanceSnapshot?> LoadAsync(string instanceId, CancellationToken cancellationToken)
    {
        Sentinel? sentinel = null;
        var rows = new List<TableEntity>();
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {instanceId}");
        await foreach (var entity in table.QueryAsync<TableEntity>(filter, maxPerPage: 1000, cancellationToken: cancellationToken))
        {
            if (entity.RowKey == Sentinel.RowKey)
            {
                sentinel = Sentinel.FromEntity(entity);
            }
            else
            {
                rows.Add(entity);
            }
        }

        if (sentinel is null)
        {
            return null;
        }

        var prefix = RowKeys.HistoryPrefix(sentinel.ExecutionId);
        var history = new List<HistoryEvent>(sentinel.HistoryLength);
        var inbox = new List<(string, HistoryEvent)>();
        var stale = new List<string>();
        foreach (var row in rows.OrderBy(r => r.RowKey, StringComparer.Ordinal))
        {
            if (row.RowKey.StartsWith(RowKeys.InboxPrefix, StringComparison.Ordinal))
            {
                inbox.Add((row.RowKey, HistoryEntityMapper.FromEntity(row)));
            }
            else if (!row.RowKey.StartsWith(prefix, StringComparison.Ordinal))
            {
                stale.Add(row.RowKey);
            }
            else if (RowKeys.HistoryIndex(row.RowKey) < sentinel.HistoryLength)
            {
                history.Add(HistoryEntityMapper.FromEntity(row));
            }
        }

        if (history.Count != sentinel.HistoryLength)
        {
            throw new InvalidOperationException(
                $"History of '{instanceId}' has {history.Count} committed rows, the sentinel says {sentinel.HistoryLength}.");
        }

        return new InstanceSnapshot(sentinel, history, inbox, stale);
    }

    /// <summary>Takes the instance's lease if the sentinel is unchanged since it was read; null when another worker got there first.</summary>
    public async Task<Sentinel?> TryAcquireAsync(string instanceId, Sentinel current, string workerId, TimeSpan lease, CancellationToken cancellationToken)
    {
        var locked = current with { LockedBy = workerId, LockedUntil = DateTimeOffset.UtcNow + lease };
        try
        {
            var response = await table.UpdateEntityAsync(locked.ToEntity(instanceId), current.ETag, TableUpdateMode.Replace, cancellationToken);
            return locked with { ETag = response.Headers.ETag ?? throw new InvalidOperationException("No ETag in the update response.") };
        }
        catch (RequestFailedException e) when (e.Status is 412 or 404)
        {
            return null;
        }
    }

    /// <summary>Gives the lease back; false when it was lost (expired and taken), in which case nothing changes.</summary>
    public async Task<bool> ReleaseAsync(string instanceId, Sentinel current, CancellationToken cancellationToken)
    {
        var released = current with { LockedBy = null, LockedUntil = DateTimeOffset.MinValue };
        try
        {
            await table.UpdateEntityAsync(released.ToEntity(instanceId), current.ETag, TableUpdateMode.Replace, cancellationToken);
            return true;
        }
        catch (RequestFailedException e) when (e.Status is 412 or 404)
        {
            return false;
        }
    }

    /// <summary>Adds an incoming event to the instance's inbox; the caller then sends a wake-up.</summary>
    public Task AppendInboxAsync(string instanceId, HistoryEvent incoming, CancellationToken cancellationToken) =>
        table.AddEntityAsync(HistoryEntityMapper.ToEntity(instanceId, RowKeys.Inbox(), incoming), cancellationToken);

    /// <summary>Creates (or restarts) an instance: sentinel and ExecutionStarted row in one transaction.</summary>
    /// <returns>False when another start or an episode changed the instance meanwhile.</returns>
    public async Task<bool> TryCreateAsync(string instanceId, Sentinel? existing, Sentinel created, HistoryEvent started, CancellationToken cancellationToken)
    {
        var actions = new List<TableTransactionAction>
        {
            existing is null
                ? new TableTransactionAction(TableTransactionActionType.Add, created.ToEntity(instanceId))
                : new TableTransactionAction(TableTransactionActionType.UpdateReplace, created.ToEntity(instanceId), existing.ETag),
            new(TableTransactionActionType.UpsertReplace, HistoryEntityMapper.ToEntity(instanceId, RowKeys.History(created.ExecutionId, 0), started)),
        };
        try
        {
            await table.SubmitTransactionAsync(actions, cancellationToken);
            return true;
        }
        catch (TableTransactionFailedException e) when (e.Status is 409 or 412)
        {
            return false;
        }
    }

    /// <summary>Deletes rows in transactions of up to 100; rows already gone are fine.</summary>
    public async Task DeleteRowsAsync(string instanceId, IEnumerable<string> rowKeys, CancellationToken cancellationToken)
    {
        foreach (var chunk in rowKeys.Chunk(100))
        {
            var actions = chunk.Select(key => new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(instanceId, key), ETag.All));
            try
            {
                await table.SubmitTransactionAsync(actions, cancellationToken);
            }
            catch (TableTransactionFailedException e) when (e.Status == 404)
            {
                foreach (var key in chunk)
                {
                    await table.DeleteEntityAsync(instanceId, key, ETag.All, cancellationToken);
                }
            }
        }
    }

    /// <summary>Deletes the whole partition.</summary>
    public async Task PurgeAsync(string instanceId, CancellationToken cancellationToken)
    {
        var keys = new List<string>();
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {instanceId}");
        await foreach (var entity in table.QueryAsync<TableEntity>(filter, select: ["RowKey"], cancellationToken: cancellationToken))
        {
            keys.Add(entity.RowKey);
        }

        await DeleteRowsAsync(instanceId, keys, cancellationToken);
    }
}
