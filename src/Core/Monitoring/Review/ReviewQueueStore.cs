using System.Buffers.Text;
using System.Text;
using System.Text.Json.Nodes;
using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Options;
using Serverless.Core.Models;
using Serverless.Core.Storage;

namespace Serverless.Core.Monitoring.Review;

/// <summary>
/// The review queue in Table Storage: partition = model, row key = prediction time (to the second), request id and index,
/// so a partition reads oldest first. Adds are upserts (a retried write never duplicates an item); removing an item that
/// is gone is not an error. Thread-safe.
/// </summary>
public sealed class ReviewQueueStore
{
    /// <summary>The most items <see cref="CountAsync"/> counts (it reads keys only, but one page per 1,000).</summary>
    public const int MaxCount = 10_000;

    private const int TransactionSize = 100;

    private readonly TableClient _table;
    private readonly InitializeOnce _created;

    public ReviewQueueStore(TableServiceClient tables, IOptions<ReviewOptions> options)
    {
        _table = tables.GetTableClient(options.Value.Table);
        _created = new InitializeOnce(() => _table.CreateIfNotExistsAsync());
    }

    public async Task AddAsync(IEnumerable<ReviewItem> items, CancellationToken cancellationToken = default)
    {
        await _created.EnsureAsync(cancellationToken);
        foreach (var model in items.GroupBy(i => i.Model))
        {
            foreach (var chunk in model.DistinctBy(i => i.Key).Chunk(TransactionSize))
            {
                await _table.SubmitTransactionAsync(
                    chunk.Select(i => new TableTransactionAction(TableTransactionActionType.UpsertReplace, ToEntity(i))), cancellationToken);
            }
        }
    }

    /// <summary>True when the item with this key is still queued.</summary>
    public async Task<bool> ContainsAsync(string model, string key, CancellationToken cancellationToken = default)
    {
        await _created.EnsureAsync(cancellationToken);
        return (await _table.GetEntityIfExistsAsync<TableEntity>(model, key, ["RowKey"], cancellationToken)).HasValue;
    }

    /// <summary>Up to <paramref name="limit"/> items, oldest first, from <paramref name="continuation"/> (a previous page's).</summary>
    /// <exception cref="FormatException">The continuation is not one this store handed out.</exception>
    public async Task<(IReadOnlyList<ReviewItem> Items, string? Continuation)> PageAsync(
        string model, int limit, string? continuation, CancellationToken cancellationToken = default)
    {
        await _created.EnsureAsync(cancellationToken);
        var token = continuation is null ? null : Decode(continuation);
        var query = _table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {model}"), maxPerPage: limit, cancellationToken: cancellationToken);
        await foreach (var page in query.AsPages(token, limit).WithCancellation(cancellationToken))
        {
            return ([.. page.Values.Select(FromEntity)], page.ContinuationToken is { Length: > 0 } next ? Encode(next) : null);
        }

        return ([], null);
    }

    /// <summary>How many items the model has queued, counting at most <see cref="MaxCount"/>.</summary>
    public async Task<int> CountAsync(string model, CancellationToken cancellationToken = default)
    {
        await _created.EnsureAsync(cancellationToken);
        var count = 0;
        await foreach (var _ in _table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {model}"), select: ["RowKey"], cancellationToken: cancellationToken))
        {
            if (++count == MaxCount)
            {
                break;
            }
        }

        return count;
    }

    /// <summary>Deletes the items with these keys; keys no longer queued are skipped.</summary>
    public async Task RemoveAsync(string model, IEnumerable<string> keys, CancellationToken cancellationToken = default)
    {
        await _created.EnsureAsync(cancellationToken);
        foreach (var key in keys.Distinct(StringComparer.Ordinal))
        {
            try
            {
                await _table.DeleteEntityAsync(model, key, ETag.All, cancellationToken);
            }
            catch (RequestFailedException e) when (e.Status == 404)
            {
            }
        }
    }

    /// <summary>Deletes items of predictions made before <paramref name="cutoff"/> (their log rows expire with them).</summary>
    /// <returns>How many were deleted.</returns>
    public async Task<int> PurgeAsync(DateTimeOffset cutoff, CancellationToken cancellationToken = default)
    {
        await _created.EnsureAsync(cancellationToken);
        return await _table.DeleteOlderThanAsync(cutoff, cancellationToken);
    }

    /// <summary>The table's continuation token made URL-safe (base64url), so a caller can pass it in a query string.</summary>
    private static string Encode(string token) => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(token));

    private static string Decode(string continuation)
    {
        try
        {
            return Encoding.UTF8.GetString(Base64Url.DecodeFromChars(continuation));
        }
        catch (FormatException)
        {
            throw new FormatException("continuation is not a token from a previous page.");
        }
    }

    private static TableEntity ToEntity(ReviewItem i) => new(i.Model, i.Key)
    {
        ["Version"] = i.Version,
        ["RequestId"] = i.RequestId,
        ["Index"] = i.Index,
        ["Time"] = i.Time,
        ["Level"] = ModelAutomation.Name(i.Level),
        ["Label"] = i.Label,
        ["Score"] = i.Score is { } score && double.IsFinite(score) ? score : null,
        ["Confidence"] = i.Confidence is { } confidence && double.IsFinite(confidence) ? confidence : null,
        ["RouteReason"] = i.RouteReason,
        ["Record"] = i.Record?.ToJsonString(),
    };

    private static ReviewItem FromEntity(TableEntity e) => new(
        e.PartitionKey, e.RowKey, e.GetInt32("Version") ?? 0, e.GetString("RequestId") ?? "", e.GetInt32("Index") ?? 0,
        e.GetDateTimeOffset("Time") ?? default, Enum.TryParse<AutomationLevel>(e.GetString("Level"), ignoreCase: true, out var level) ? level : AutomationLevel.Human,
        e.GetString("Label"), e.GetDouble("Score"), e.GetDouble("Confidence"), e.GetString("RouteReason"),
        e.GetString("Record") is { } record ? JsonNode.Parse(record) as JsonObject : null);
}
