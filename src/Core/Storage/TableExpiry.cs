using Azure;
using Azure.Data.Tables;

namespace Serverless.Core.Storage;

/// <summary>Deletes the rows of a table whose <c>Time</c> property is before a cutoff (retention of log-like tables).</summary>
public static class TableExpiry
{
    private const int TransactionSize = 100; // Table Storage's limit per entity group transaction

    /// <summary>Deletes, per partition in transactions of 100, every row with <c>Time</c> before <paramref name="cutoff"/>.</summary>
    /// <returns>How many rows were deleted.</returns>
    public static async Task<int> DeleteOlderThanAsync(this TableClient table, DateTimeOffset cutoff, CancellationToken cancellationToken)
    {
        var deleted = 0;
        var expired = table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"Time lt {cutoff}"), select: ["PartitionKey", "RowKey"], cancellationToken: cancellationToken);
        await foreach (var page in expired.AsPages(pageSizeHint: 1000).WithCancellation(cancellationToken))
        {
            foreach (var partition in page.Values.GroupBy(e => e.PartitionKey))
            {
                foreach (var chunk in partition.Chunk(TransactionSize))
                {
                    await table.SubmitTransactionAsync(chunk.Select(e => new TableTransactionAction(TableTransactionActionType.Delete, e, ETag.All)), cancellationToken);
                    deleted += chunk.Length;
                }
            }
        }

        return deleted;
    }
}
