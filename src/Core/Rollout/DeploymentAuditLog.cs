using System.Globalization;
using Azure.Data.Tables;
using Microsoft.Extensions.Options;
using Serverless.Core.Models;
using Serverless.Core.Storage;

namespace Serverless.Core.Rollout;

/// <summary>
/// Every deployment state change in Table Storage: partition = model, row key = inverted ticks + a unique suffix, so a
/// partition reads newest first and two changes in the same tick never collide. Append-only; thread-safe.
/// </summary>
public sealed class DeploymentAuditLog
{
    private readonly TableClient _table;
    private readonly InitializeOnce _created;

    public DeploymentAuditLog(TableServiceClient tables, IOptions<RolloutOptions> options)
    {
        _table = tables.GetTableClient(options.Value.AuditTable);
        _created = new InitializeOnce(() => _table.CreateIfNotExistsAsync());
    }

    public async Task AppendAsync(string model, DeploymentChange change, CancellationToken cancellationToken = default)
    {
        await _created.EnsureAsync(cancellationToken);
        var rowKey = string.Create(CultureInfo.InvariantCulture, $"{DateTimeOffset.MaxValue.UtcTicks - change.At.UtcTicks:D19}-{Guid.NewGuid():N}");
        await _table.AddEntityAsync(new TableEntity(model, rowKey)
        {
            [nameof(DeploymentChange.At)] = change.At,
            [nameof(DeploymentChange.By)] = change.By,
            [nameof(DeploymentChange.Action)] = change.Action,
            [nameof(DeploymentChange.From)] = change.From,
            [nameof(DeploymentChange.To)] = change.To,
            [nameof(DeploymentChange.Why)] = change.Why,
        }, cancellationToken);
    }

    /// <summary>The latest <paramref name="max"/> changes of a model, newest first.</summary>
    public async Task<IReadOnlyList<DeploymentChange>> ReadAsync(string model, int max, CancellationToken cancellationToken = default)
    {
        await _created.EnsureAsync(cancellationToken);
        var changes = new List<DeploymentChange>();
        await foreach (var e in _table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {model}"), maxPerPage: Math.Min(max, 1000), cancellationToken: cancellationToken))
        {
            changes.Add(new DeploymentChange(
                e.GetDateTimeOffset(nameof(DeploymentChange.At)) ?? DateTimeOffset.MinValue, e.GetString(nameof(DeploymentChange.By)) ?? "",
                e.GetString(nameof(DeploymentChange.Action)) ?? "", e.GetString(nameof(DeploymentChange.From)) ?? "",
                e.GetString(nameof(DeploymentChange.To)) ?? "", e.GetString(nameof(DeploymentChange.Why)) ?? ""));
            if (changes.Count == max)
            {
                break;
            }
        }

        return changes;
    }
}
