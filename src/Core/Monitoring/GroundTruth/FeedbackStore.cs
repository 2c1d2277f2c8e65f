using Azure.Data.Tables;
using Microsoft.Extensions.Options;
using Serverless.Core.Storage;

namespace Serverless.Core.Monitoring.GroundTruth;

/// <summary>
/// Labelled predictions in Table Storage: partition = model, row key = prediction time (to the second), request id and
/// index (<see cref="TableKeys.Labelled"/>), so a time range of predictions is a key range. A repeated label for the
/// same record replaces the earlier one (idempotent; the latest label wins). Thread-safe.
/// </summary>
public sealed class FeedbackStore
{
    private const int TransactionSize = 100;

    private readonly TableClient _table;
    private readonly InitializeOnce _created;

    public FeedbackStore(TableServiceClient tables, IOptions<FeedbackOptions> options)
    {
        _table = tables.GetTableClient(options.Value.Table);
        _created = new InitializeOnce(() => _table.CreateIfNotExistsAsync());
    }

    public async Task WriteAsync(IReadOnlyCollection<LabelledPrediction> samples, CancellationToken cancellationToken = default)
    {
        await _created.EnsureAsync(cancellationToken);
        foreach (var model in samples.GroupBy(s => s.Model))
        {
            foreach (var chunk in model.DistinctBy(s => (s.RequestId, s.Index)).Chunk(TransactionSize))
            {
                await _table.SubmitTransactionAsync(
                    chunk.Select(s => new TableTransactionAction(TableTransactionActionType.UpsertReplace, ToEntity(s))), cancellationToken);
            }
        }
    }

    /// <summary>The labelled predictions made in <c>[from, to)</c>, optionally of one version; at most <paramref name="limit"/>.</summary>
    /// <returns>The samples, and whether more matched than <paramref name="limit"/>.</returns>
    public async Task<(IReadOnlyList<LabelledPrediction> Samples, bool Truncated)> ReadAsync(
        string model, DateTimeOffset from, DateTimeOffset to, int? version, int limit, CancellationToken cancellationToken = default)
    {
        await _created.EnsureAsync(cancellationToken);
        // Keys hold whole seconds: query the seconds that overlap [from, to), then keep exactly the range.
        string low = TableKeys.TimePrefix(from), high = TableKeys.TimePrefix(to.AddSeconds(1));
        var filter = version is { } v
            ? TableClient.CreateQueryFilter($"PartitionKey eq {model} and RowKey ge {low} and RowKey lt {high} and Version eq {v}")
            : TableClient.CreateQueryFilter($"PartitionKey eq {model} and RowKey ge {low} and RowKey lt {high}");
        var samples = new List<LabelledPrediction>();
        await foreach (var entity in _table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            var sample = FromEntity(entity);
            if (sample.PredictedAt < from || sample.PredictedAt >= to)
            {
                continue;
            }

            if (samples.Count == limit)
            {
                return (samples, true);
            }

            samples.Add(sample);
        }

        return (samples, false);
    }

    private static TableEntity ToEntity(LabelledPrediction s) => new(s.Model, TableKeys.Labelled(s.PredictedAt, s.RequestId, s.Index))
    {
        ["Version"] = s.Version,
        ["Variant"] = s.Variant,
        ["RouteReason"] = s.RouteReason,
        ["RequestId"] = s.RequestId,
        ["Index"] = s.Index,
        ["PredictedAt"] = s.PredictedAt,
        ["LabelledAt"] = s.LabelledAt,
        ["Predicted"] = s.Predicted,
        ["Score"] = s.Score,
        ["Truth"] = s.Truth,
    };

    private static LabelledPrediction FromEntity(TableEntity e) => new(
        e.PartitionKey, e.GetInt32("Version") ?? 0, e.GetString("Variant"), e.GetString("RouteReason"), e.GetString("RequestId") ?? "",
        e.GetInt32("Index") ?? 0, e.GetDateTimeOffset("PredictedAt") ?? default, e.GetDateTimeOffset("LabelledAt") ?? default,
        e.GetString("Predicted"), e.GetDouble("Score"), e.GetString("Truth") ?? "");
}
