using Azure;
using Azure.Data.Tables;
using Serverless.Durable.History;

namespace Serverless.Durable.Storage;

internal sealed partial class HistoryStore
{
    private const int MaxTransactionActions = 100;

    /// <summary>
    /// Appends an episode's events at <paramref name="firstIndex"/> of <paramref name="next"/>'s execution, deletes the
    /// consumed inbox rows and replaces the sentinel, conditional on the ETag of <paramref name="next"/>.
    /// </summary>
    /// <remarks>
    /// Atomic even beyond one transaction: rows that do not fit the final transaction are written first, beyond the
    /// committed length (invisible, overwritten on retry); the final transaction updates the sentinel. Inbox rows
    /// that do not fit are deleted after the commit; a leftover is dropped as a duplicate by the next episode.
    /// Throws <see cref="RequestFailedException"/> (412) when the lease was lost.
    /// </remarks>
    public async Task<Sentinel> CommitAsync(
        string instanceId, Sentinel next, int firstIndex, IReadOnlyList<HistoryEvent> rows, IReadOnlyList<string> consumed, CancellationToken cancellationToken)
    {
        var upserts = rows
            .Select((e, k) => new TableTransactionAction(
                TableTransactionActionType.UpsertReplace,
                HistoryEntityMapper.ToEntity(instanceId, RowKeys.History(next.ExecutionId, firstIndex + k), e)))
            .ToList();
        var deletes = consumed
            .Select(key => new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(instanceId, key), ETag.All))
            .ToList();

        while (upserts.Count > MaxTransactionActions - 1)
        {
            await table.SubmitTransactionAsync(upserts.Take(MaxTransactionActions), cancellationToken);
            upserts.RemoveRange(0, MaxTransactionActions);
        }

        var final = new List<TableTransactionAction>
        {
            new(TableTransactionActionType.UpdateReplace, next.ToEntity(instanceId), next.ETag),
        };
        final.AddRange(upserts);
        var fitting = Math.Min(deletes.Count, MaxTransactionActions - final.Count);
        final.AddRange(deletes.Take(fitting));
        var response = await table.SubmitTransactionAsync(final, cancellationToken);
        var etag = response.Value[0].Headers.ETag
            ?? (await table.GetEntityAsync<TableEntity>(instanceId, Sentinel.RowKey, cancellationToken: cancellationToken)).Value.ETag;

        if (deletes.Count > fitting)
        {
            await DeleteRowsAsync(instanceId, consumed.Skip(fitting), cancellationToken);
        }

        return next with { ETag = etag };
    }
}
