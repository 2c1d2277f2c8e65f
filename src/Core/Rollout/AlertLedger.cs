using System.Security.Cryptography;
using System.Text;
using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Options;
using Serverless.Core.Storage;

namespace Serverless.Core.Rollout;

/// <summary>
/// Which alert deliveries were acted on, in the audit table's <c>~alerts</c> partition (no model name can start with
/// <c>~</c>): one row per alert id and condition, claimed with an insert (only one of any number of concurrent deliveries
/// wins) and marked done after acting.
/// </summary>
/// <remarks>
/// A claim that never completes (the instance died mid-way) can be taken over by a later delivery after
/// <see cref="TakeoverAfter"/>, again by one caller only (ETag condition). Acting twice is harmless anyway: a rollback
/// to where traffic already is changes nothing.
/// </remarks>
public sealed class AlertLedger
{
    public static readonly TimeSpan TakeoverAfter = TimeSpan.FromMinutes(2);

    private const string Partition = "~alerts";
    private readonly TableClient _table;
    private readonly InitializeOnce _created;

    public AlertLedger(TableServiceClient tables, IOptions<RolloutOptions> options)
    {
        _table = tables.GetTableClient(options.Value.AuditTable);
        _created = new InitializeOnce(() => _table.CreateIfNotExistsAsync());
    }

    /// <summary>True when this caller now owns the delivery and must act; false when another delivery has or does.</summary>
    public async Task<bool> TryClaimAsync(string alertId, bool fired, string model, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await _created.EnsureAsync(cancellationToken);
        var key = RowKey(alertId, fired);
        try
        {
            await _table.AddEntityAsync(new TableEntity(Partition, key) { ["AlertId"] = alertId, ["Model"] = model, ["State"] = "claimed", ["ClaimedAt"] = now }, cancellationToken);
            return true;
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
        }

        var existing = (await _table.GetEntityAsync<TableEntity>(Partition, key, cancellationToken: cancellationToken)).Value;
        if (existing.GetString("State") == "done" || existing.GetDateTimeOffset("ClaimedAt") > now - TakeoverAfter)
        {
            return false;
        }

        try
        {
            existing["ClaimedAt"] = now;
            await _table.UpdateEntityAsync(existing, existing.ETag, TableUpdateMode.Replace, cancellationToken);
            return true;
        }
        catch (RequestFailedException e) when (e.Status == 412)
        {
            return false;
        }
    }

    /// <summary>Marks the delivery handled, with what was done; later deliveries of the same alert are duplicates.</summary>
    public async Task CompleteAsync(string alertId, bool fired, string outcome, CancellationToken cancellationToken)
    {
        await _created.EnsureAsync(cancellationToken);
        await _table.UpsertEntityAsync(new TableEntity(Partition, RowKey(alertId, fired)) { ["State"] = "done", ["Outcome"] = outcome }, TableUpdateMode.Merge, cancellationToken);
    }

    /// <summary>Alert ids are resource paths (<c>/subscriptions/...</c>), which row keys cannot hold: their SHA-256 instead.</summary>
    private static string RowKey(string alertId, bool fired) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(alertId))) + (fired ? "-fired" : "-resolved");
}
