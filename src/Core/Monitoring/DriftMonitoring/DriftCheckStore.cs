using System.Globalization;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Options;
using Serverless.Core.Serialization;
using Serverless.Core.Storage;

namespace Serverless.Core.Monitoring.DriftMonitoring;

/// <summary>
/// Drift checks and the per-model cooldown in Table Storage (<see cref="DriftOptions.Table"/>): partition = model; row
/// <c>c-{yyyyMMddHHmmss}-{random}</c> per check (the check as JSON), row <c>state</c> with the last time the model was acted on.
/// </summary>
/// <remarks>
/// The cooldown is claimed with an ETag condition, so of several instances checking at once only one acts: at most one
/// action per model per cooldown, across instances. Thread-safe.
/// </remarks>
public sealed class DriftCheckStore
{
    private const string StateRow = "state";
    private const int MaxJsonChars = 30_000;

    private readonly TableClient _table;
    private readonly InitializeOnce _created;

    public DriftCheckStore(TableServiceClient tables, IOptions<DriftOptions> options)
    {
        _table = tables.GetTableClient(options.Value.Table);
        _created = new InitializeOnce(() => _table.CreateIfNotExistsAsync());
    }

    public async Task WriteAsync(DriftCheck check, CancellationToken cancellationToken = default)
    {
        await _created.EnsureAsync(cancellationToken);
        var json = JsonSerializer.Serialize(check, JsonDefaults.Options);
        if (json.Length > MaxJsonChars)
        {
            // Very wide models: keep the verdict and per-version levels, drop the per-feature detail.
            json = JsonSerializer.Serialize(check with { Versions = check.Versions.Select(v => v with { Features = [] }).ToList() }, JsonDefaults.Options);
        }

        var key = string.Create(CultureInfo.InvariantCulture, $"c-{check.CheckedAt.UtcDateTime:yyyyMMddHHmmss}-{Guid.NewGuid().ToString("N")[..8]}");
        await _table.AddEntityAsync(new TableEntity(check.Model, key)
        {
            ["CheckedAt"] = check.CheckedAt, ["Level"] = check.Level.ToString(), ["Action"] = check.Action.ToString(), ["Data"] = json,
        }, cancellationToken);
    }

    /// <summary>The checks of a model made in <c>[from, to)</c>, oldest first.</summary>
    public async Task<IReadOnlyList<DriftCheck>> ReadAsync(string model, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken = default)
    {
        await _created.EnsureAsync(cancellationToken);
        string low = $"c-{from.UtcDateTime.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture)}", high = $"c-{to.UtcDateTime.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture)}";
        var checks = new List<DriftCheck>();
        await foreach (var entity in _table.QueryAsync<TableEntity>(
            TableClient.CreateQueryFilter($"PartitionKey eq {model} and RowKey ge {low} and RowKey lt {high}"), cancellationToken: cancellationToken))
        {
            if (entity.GetString("Data") is { } json && JsonSerializer.Deserialize<DriftCheck>(json, JsonDefaults.Options) is { } check)
            {
                checks.Add(check);
            }
        }

        return checks;
    }

    /// <summary>
    /// Claims the right to act on <paramref name="model"/> at <paramref name="now"/>: false when it was acted on less than
    /// <paramref name="cooldown"/> ago, or another instance claimed it first.
    /// </summary>
    /// <returns>Whether claimed, and the previous action time (for <see cref="ReleaseAsync"/>).</returns>
    public async Task<(bool Claimed, DateTimeOffset? Previous)> TryClaimAsync(string model, DateTimeOffset now, TimeSpan cooldown, CancellationToken cancellationToken = default)
    {
        await _created.EnsureAsync(cancellationToken);
        var existing = await _table.GetEntityIfExistsAsync<TableEntity>(model, StateRow, cancellationToken: cancellationToken);
        try
        {
            if (!existing.HasValue)
            {
                await _table.AddEntityAsync(new TableEntity(model, StateRow) { ["LastActionAt"] = now }, cancellationToken);
                return (true, null);
            }

            var state = existing.Value!;
            var previous = state.GetDateTimeOffset("LastActionAt");
            if (previous is { } last && now - last < cooldown)
            {
                return (false, previous);
            }

            state["LastActionAt"] = now;
            await _table.UpdateEntityAsync(state, state.ETag, TableUpdateMode.Replace, cancellationToken);
            return (true, previous);
        }
        catch (RequestFailedException e) when (e.Status is 409 or 412)
        {
            return (false, null); // another instance claimed it between our read and write
        }
    }

    /// <summary>Gives a claim back after acting failed, so the next check may try again.</summary>
    public async Task ReleaseAsync(string model, DateTimeOffset? previous, CancellationToken cancellationToken = default)
    {
        await _created.EnsureAsync(cancellationToken);
        if (previous is null)
        {
            await _table.DeleteEntityAsync(model, StateRow, ETag.All, cancellationToken);
            return;
        }

        await _table.UpsertEntityAsync(new TableEntity(model, StateRow) { ["LastActionAt"] = previous.Value }, TableUpdateMode.Replace, cancellationToken);
    }
}
