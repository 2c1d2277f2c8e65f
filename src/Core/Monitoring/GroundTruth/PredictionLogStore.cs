using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Options;
using Serverless.Core.Storage;

namespace Serverless.Core.Monitoring.GroundTruth;

/// <summary>
/// The prediction log in Table Storage: partition = model name, row key = <c>{request id}|{index:D6}</c>
/// (<see cref="TableKeys.Prediction"/>). Writes are upserts, so a retried batch never duplicates a row. Thread-safe.
/// </summary>
public sealed class PredictionLogStore
{
    private const int TransactionSize = 100; // Table Storage's limit per entity group transaction

    private readonly TableClient _table;
    private readonly InitializeOnce _created;

    public PredictionLogStore(TableServiceClient tables, IOptions<PredictionLogOptions> options)
    {
        _table = tables.GetTableClient(options.Value.Table);
        _created = new InitializeOnce(() => _table.CreateIfNotExistsAsync());
    }

    /// <summary>Writes the rows, one transaction per model and 100 rows.</summary>
    public async Task WriteAsync(IEnumerable<LoggedPrediction> predictions, CancellationToken cancellationToken = default)
    {
        await _created.EnsureAsync(cancellationToken);
        foreach (var model in predictions.GroupBy(p => p.Model))
        {
            foreach (var chunk in model.DistinctBy(p => (p.RequestId, p.Index)).Chunk(TransactionSize))
            {
                var actions = chunk.Select(p => new TableTransactionAction(TableTransactionActionType.UpsertReplace, ToEntity(p)));
                await _table.SubmitTransactionAsync(actions, cancellationToken);
            }
        }
    }

    /// <summary>The logged prediction of one record, or null when it was not logged (not sampled, expired, not yet written).</summary>
    public async Task<LoggedPrediction?> GetAsync(string model, string requestId, int index, CancellationToken cancellationToken = default)
    {
        await _created.EnsureAsync(cancellationToken);
        var response = await _table.GetEntityIfExistsAsync<TableEntity>(model, TableKeys.Prediction(requestId, index), cancellationToken: cancellationToken);
        return response.HasValue ? FromEntity(response.Value!, requestId, index) : null;
    }

    /// <summary>Deletes the rows of predictions made before <paramref name="cutoff"/>.</summary>
    /// <returns>How many rows were deleted.</returns>
    public async Task<int> PurgeAsync(DateTimeOffset cutoff, CancellationToken cancellationToken = default)
    {
        await _created.EnsureAsync(cancellationToken);
        return await _table.DeleteOlderThanAsync(cutoff, cancellationToken);
    }

    private static TableEntity ToEntity(LoggedPrediction p)
    {
        var entity = new TableEntity(p.Model, TableKeys.Prediction(p.RequestId, p.Index))
        {
            ["RequestId"] = p.RequestId,
            ["Version"] = p.Version,
            ["Time"] = p.Time,
            ["Endpoint"] = p.Endpoint,
            ["Label"] = p.Label,
            ["Score"] = p.Score is { } score && double.IsFinite(score) ? score : null,
            ["RouteReason"] = p.RouteReason,
            ["Variant"] = p.Variant,
            ["InputHash"] = p.InputHash,
            ["ReviewKey"] = p.ReviewKey,
        };
        if (p.Inputs is { } inputs)
        {
            entity["Inputs"] = JsonSerializer.Serialize(inputs);
        }

        return entity;
    }

    private static LoggedPrediction FromEntity(TableEntity e, string requestId, int index) => new(
        e.PartitionKey, e.GetInt32("Version") ?? 0, requestId, index, e.GetDateTimeOffset("Time") ?? default, e.GetString("Endpoint") ?? "",
        e.GetString("Label"), e.GetDouble("Score"), e.GetString("RouteReason"), e.GetString("Variant"), e.GetString("InputHash") ?? "",
        e.GetString("Inputs") is { } inputs ? JsonSerializer.Deserialize<float[]>(inputs) : null, e.GetString("ReviewKey"));
}
