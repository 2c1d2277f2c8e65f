using Azure.Data.Tables;

namespace Serverless.Durable.Tests.Engine;

/// <summary>Reads an instance's history rows straight from the table, to check what the engine stores.</summary>
internal static class HistoryRows
{
    public static async Task<int> CountAsync(string connectionString, string taskHub, string instanceId)
    {
        var table = new TableClient(connectionString, taskHub + "History");
        var count = 0;
        await foreach (var row in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {instanceId}"), select: ["RowKey"]))
        {
            count += row.RowKey.StartsWith("h-", StringComparison.Ordinal) ? 1 : 0;
        }

        return count;
    }
}
