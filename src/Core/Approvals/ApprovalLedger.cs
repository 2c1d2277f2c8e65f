using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Options;
using Serverless.Core.Serialization;
using Serverless.Core.Storage;

namespace Serverless.Core.Approvals;

/// <summary>
/// Approval requests and their decisions in Table Storage: one row per request (partition key = the approval
/// orchestration's instance id), its state as JSON, every change made under the row's ETag.
/// </summary>
/// <remarks>
/// Decisions are single-use: of two concurrent decisions only one is written per read state, the other rereads and is
/// judged against the new state, so an approver decides once and a decided request takes no more decisions, on any
/// number of hosts. <see cref="OpenAsync"/> is idempotent (the notice activity may run more than once). Thread-safe.
/// </remarks>
public sealed class ApprovalLedger
{
    private const string RowKey = "request";
    private const string StateProperty = "State";
    private const int MaxAttempts = 20;

    private readonly TableClient _table;
    private readonly InitializeOnce _created;

    public ApprovalLedger(TableServiceClient tables, IOptions<ApprovalOptions> options)
    {
        _table = tables.GetTableClient(options.Value.DecisionTable);
        _created = new InitializeOnce(() => _table.CreateIfNotExistsAsync());
    }

    /// <summary>Creates the request's row, or returns the existing one unchanged (a rerun of the same activity).</summary>
    public async Task<ApprovalRequestState> OpenAsync(ApprovalRequestState request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        CheckInstance(request.Instance);
        await _created.EnsureAsync(cancellationToken);
        try
        {
            await _table.AddEntityAsync(ToEntity(request), cancellationToken);
            return request;
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            return (await GetAsync(request.Instance, cancellationToken))!;
        }
    }

    /// <summary>The request, or null when there is none with this instance id.</summary>
    public async Task<ApprovalRequestState?> GetAsync(string instance, CancellationToken cancellationToken = default) =>
        (await ReadAsync(instance, cancellationToken))?.State;

    /// <summary>
    /// Records <paramref name="claims"/>' decision unless its approver already decided or the request is decided.
    /// A retry of the very link whose decision is recorded but not yet delivered answers Recorded again, so the caller
    /// delivers it (the orchestration counts each approver once).
    /// </summary>
    public async Task<ApprovalDecideResult> DecideAsync(ApprovalClaims claims, string from, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(claims);
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            if (await ReadAsync(claims.Instance, cancellationToken) is not (var state, var etag))
            {
                return new ApprovalDecideResult(ApprovalDecideStatus.UnknownRequest, null, null);
            }

            var earlier = state.Votes.FirstOrDefault(v => string.Equals(v.Approver, claims.Approver, StringComparison.OrdinalIgnoreCase));
            if (earlier is not null)
            {
                var retry = earlier.Nonce == claims.Nonce && earlier.Decision == claims.Decision && !earlier.Delivered;
                return new ApprovalDecideResult(retry ? ApprovalDecideStatus.Recorded : ApprovalDecideStatus.AlreadyDecided, state, earlier);
            }

            if (state.Status == ApprovalStatus.TimedOut)
            {
                return new ApprovalDecideResult(ApprovalDecideStatus.Expired, state, null);
            }

            if (state.Status != ApprovalStatus.Pending)
            {
                return new ApprovalDecideResult(ApprovalDecideStatus.AlreadyDecided, state, null);
            }

            var vote = new ApprovalVote(claims.Approver, claims.Decision, now, from, claims.Nonce);
            var decided = state.With(vote);
            if (await TryReplaceAsync(decided, etag, cancellationToken))
            {
                return new ApprovalDecideResult(ApprovalDecideStatus.Recorded, decided, vote);
            }
        }

        throw new InvalidOperationException($"Approval request '{claims.Instance}' kept changing during {MaxAttempts} attempts to record a decision.");
    }

    /// <summary>
    /// Closes a request still pending when its deadline passed, so a link that is not expired yet by the clock (timers
    /// may fire a moment early) cannot decide it any more. Idempotent; a decided request is left as it is.
    /// </summary>
    /// <returns>Whether the request is now timed out (false: it was decided first, or does not exist).</returns>
    public async Task<bool> ExpireAsync(string instance, CancellationToken cancellationToken = default)
    {
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            if (await ReadAsync(instance, cancellationToken) is not (var state, var etag) || state.Status != ApprovalStatus.Pending)
            {
                return await GetAsync(instance, cancellationToken) is { Status: ApprovalStatus.TimedOut };
            }

            if (await TryReplaceAsync(state with { Status = ApprovalStatus.TimedOut }, etag, cancellationToken))
            {
                return true;
            }
        }

        throw new InvalidOperationException($"Approval request '{instance}' kept changing during {MaxAttempts} attempts to close it.");
    }

    /// <summary>Marks <paramref name="approver"/>'s decision as delivered to the orchestration (idempotent).</summary>
    public async Task MarkDeliveredAsync(string instance, string approver, CancellationToken cancellationToken = default)
    {
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            if (await ReadAsync(instance, cancellationToken) is not (var state, var etag)
                || state.Votes.All(v => v.Delivered || !string.Equals(v.Approver, approver, StringComparison.OrdinalIgnoreCase)))
            {
                return;
            }

            var votes = state.Votes.Select(v => string.Equals(v.Approver, approver, StringComparison.OrdinalIgnoreCase) ? v with { Delivered = true } : v).ToList();
            if (await TryReplaceAsync(state with { Votes = votes }, etag, cancellationToken))
            {
                return;
            }
        }
    }

    private async Task<(ApprovalRequestState State, ETag ETag)?> ReadAsync(string instance, CancellationToken cancellationToken)
    {
        if (!IsValidInstance(instance))
        {
            return null;
        }

        await _created.EnsureAsync(cancellationToken);
        var response = await _table.GetEntityIfExistsAsync<TableEntity>(instance, RowKey, [StateProperty], cancellationToken);
        if (!response.HasValue)
        {
            return null;
        }

        var state = JsonSerializer.Deserialize<ApprovalRequestState>(response.Value!.GetString(StateProperty), JsonDefaults.Options)
            ?? throw new InvalidDataException($"Approval request '{instance}' has no state.");
        return (state, response.Value.ETag);
    }

    private async Task<bool> TryReplaceAsync(ApprovalRequestState state, ETag etag, CancellationToken cancellationToken)
    {
        try
        {
            await _table.UpdateEntityAsync(ToEntity(state), etag, TableUpdateMode.Replace, cancellationToken);
            return true;
        }
        catch (RequestFailedException e) when (e.Status == 412)
        {
            return false; // someone decided in between: reread and judge again
        }
    }

    private static TableEntity ToEntity(ApprovalRequestState state) =>
        new(state.Instance, RowKey) { [StateProperty] = JsonSerializer.Serialize(state, JsonDefaults.Options) };

    /// <summary>Table keys refuse '/', '\', '#', '?' and control characters; instance ids are ours, so refuse rather than escape.</summary>
    private static bool IsValidInstance(string? instance) =>
        instance is { Length: > 0 and <= 400 } && !instance.Any(c => c is '/' or '\\' or '#' or '?' || char.IsControl(c));

    private static void CheckInstance(string instance)
    {
        if (!IsValidInstance(instance))
        {
            throw new ArgumentException($"'{instance}' cannot key an approval request (no '/', '\\', '#', '?' or control characters).", nameof(instance));
        }
    }
}
