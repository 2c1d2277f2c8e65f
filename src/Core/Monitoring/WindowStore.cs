using System.Globalization;
using System.Text;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Options;
using Serverless.Core.Serialization;
using Serverless.Core.Storage;

namespace Serverless.Core.Monitoring;

/// <summary>
/// Window aggregates in Table Storage: one entity per model (partition), minute, version and instance (row key
/// <c>{yyyyMMddHHmm}-{version:D10}-{instance}</c>). An instance only ever replaces its own rows with its running
/// totals for that minute, so rewrites are idempotent, and a read merges every instance's row exactly.
/// </summary>
/// <remarks>The aggregate is stored as JSON split over string properties <c>Data0..DataN</c> (a property holds 64 KiB). Thread-safe.</remarks>
public sealed class WindowStore : IWindowReader
{
    private const int ChunkChars = 30_000;
    private readonly TableClient _table;
    private readonly InitializeOnce _created;

    public WindowStore(TableServiceClient tables, IOptions<MonitoringOptions> options)
    {
        _table = tables.GetTableClient(options.Value.WindowTable);
        _created = new InitializeOnce(() => _table.CreateIfNotExistsAsync());
    }

    /// <summary>Replaces this instance's row for the window with <paramref name="aggregate"/> (its running total).</summary>
    public async Task WriteAsync(WindowKey key, string instance, WindowAggregate aggregate, CancellationToken cancellationToken = default)
    {
        await _created.EnsureAsync(cancellationToken);
        var entity = new TableEntity(key.Model, RowKey(key.Minute, key.Version, instance))
        {
            ["Version"] = key.Version,
            ["Minute"] = key.Minute,
            ["Instance"] = instance,
        };
        var json = JsonSerializer.Serialize(aggregate, JsonDefaults.Options);
        for (int offset = 0, i = 0; offset < json.Length; offset += ChunkChars, i++)
        {
            entity["Data" + i.ToString(CultureInfo.InvariantCulture)] = json.Substring(offset, Math.Min(ChunkChars, json.Length - offset));
        }

        await _table.UpsertEntityAsync(entity, TableUpdateMode.Replace, cancellationToken);
    }

    public async Task<IReadOnlyList<VersionWindows>> ReadAsync(
        string model, DateTimeOffset from, DateTimeOffset to, int? version = null, CancellationToken cancellationToken = default)
    {
        await _created.EnsureAsync(cancellationToken);
        var low = WindowKey.MinuteOf(from).UtcDateTime.ToString("yyyyMMddHHmm", CultureInfo.InvariantCulture);
        var high = WindowKey.MinuteOf(to) == to ? to : WindowKey.MinuteOf(to).AddMinutes(1);
        var highKey = high.UtcDateTime.ToString("yyyyMMddHHmm", CultureInfo.InvariantCulture);
        var filter = version is { } v
            ? TableClient.CreateQueryFilter($"PartitionKey eq {model} and RowKey ge {low} and RowKey lt {highKey} and Version eq {v}")
            : TableClient.CreateQueryFilter($"PartitionKey eq {model} and RowKey ge {low} and RowKey lt {highKey}");

        var minutes = new SortedDictionary<(int Version, DateTimeOffset Minute), (int Instances, WindowAggregate Aggregate)>();
        await foreach (var entity in _table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            var entityVersion = entity.GetInt32("Version") ?? 0;
            var minute = entity.GetDateTimeOffset("Minute") ?? DateTimeOffset.MinValue;
            if (minute >= to)
            {
                continue; // the last queried minute started before 'to' only when 'to' is not a whole minute
            }

            var aggregate = Parse(entity);
            var key = (entityVersion, minute);
            if (minutes.TryGetValue(key, out var existing))
            {
                existing.Aggregate.Merge(aggregate);
                minutes[key] = (existing.Instances + 1, existing.Aggregate);
            }
            else
            {
                minutes[key] = (1, aggregate);
            }
        }

        var result = new List<VersionWindows>();
        foreach (var group in minutes.GroupBy(m => m.Key.Version))
        {
            var list = group.Select(m => new MinuteWindow(m.Key.Minute, m.Value.Instances, m.Value.Aggregate)).ToList();
            var total = list[0].Aggregate.Clone();
            foreach (var minute in list.Skip(1))
            {
                total.Merge(minute.Aggregate);
            }

            result.Add(new VersionWindows(group.Key, list, total));
        }

        return result;
    }

    internal static string RowKey(DateTimeOffset minute, int version, string instance) =>
        string.Create(CultureInfo.InvariantCulture, $"{minute.UtcDateTime:yyyyMMddHHmm}-{version:D10}-{instance}");

    private static WindowAggregate Parse(TableEntity entity)
    {
        var json = new StringBuilder();
        for (var i = 0; entity.TryGetValue("Data" + i.ToString(CultureInfo.InvariantCulture), out var chunk) && chunk is string text; i++)
        {
            json.Append(text);
        }

        return JsonSerializer.Deserialize<WindowAggregate>(json.ToString(), JsonDefaults.Options)
            ?? throw new InvalidDataException($"Window row {entity.PartitionKey}/{entity.RowKey} holds no aggregate.");
    }
}
