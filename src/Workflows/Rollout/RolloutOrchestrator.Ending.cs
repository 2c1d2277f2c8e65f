using System.Globalization;
using Microsoft.DurableTask;
using Serverless.Core.Approvals;
using Serverless.Workflows.Approvals;

namespace Serverless.Workflows.Rollout;

public sealed partial class RolloutOrchestrator
{
    /// <summary>Acts on an event that has arrived (rollback first, then abort, then promote); null when none has.</summary>
    private async Task<RolloutResult?> TakeEventAsync()
    {
        if (_rollback.IsCompleted)
        {
            var signal = await _rollback;
            var why = signal?.AlertId is { } alert ? $"alert {alert}: {signal.Reason}" : signal?.Reason ?? "rollback requested";
            return await RestoreAsync("rolled-back", "rollback", $"rollback event ({why}); analysis skipped.");
        }

        if (_abort.IsCompleted)
        {
            var command = await _abort;
            return await RestoreAsync("aborted", "abort", $"aborted by {command?.By ?? "unknown"}: {command?.Reason ?? "no reason given"}");
        }

        if (_promote.IsCompleted)
        {
            var command = await _promote;
            return await PromoteAsync(command?.By ?? "unknown", command?.Reason ?? "no reason given");
        }

        return null;
    }

    /// <summary>
    /// Promotes at once, unless a remaining step needs a fresh approval: 100 % is more traffic than any of them, so one
    /// approval for the whole jump is asked first (Abort and Rollback end that wait as any other). Rejected or timed out,
    /// the promote ends the rollout as a rejected step does: champion restored, <c>rejected</c>.
    /// </summary>
    private async Task<RolloutResult> PromoteAsync(string by, string reason)
    {
        var why = $"promoted by {by}, remaining steps skipped: {reason}";
        if (!_plan!.Steps.Skip(_cleared).Any(s => s.NeedsApproval))
        {
            return await FinishAsync("promoted", "promote", _request.Version, why);
        }

        var (approved, ended) = await ApproveAsync("promote", $"promoting {_request.Model} v{_request.Version} to 100 %");
        if (ended is not null || !approved)
        {
            return ended ?? await RestoreAsync("rejected", "abort", $"promoting the candidate to 100 % (asked by {by}) was not approved.");
        }

        return await FinishAsync("promoted", "promote", _request.Version, $"{why} (promote approved)");
    }

    /// <summary>
    /// Asks for an approval (a sub-orchestration) and waits for it, racing <c>Abort</c> and <c>Rollback</c>: either ends the
    /// wait at once, cancels the request (its links stop working, no reminder goes out) and acts. <c>Promote</c> does not
    /// end the wait: promoting raises traffic, so it is subject to the approval being asked (approved: it then takes
    /// effect, itself approved first when a later step needs approval; rejected or timed out: the rollout ends rejected
    /// and the promote is dropped).
    /// </summary>
    /// <returns>Whether it was approved, or how an event ended the rollout (then Approved is false).</returns>
    /// <param name="step">Names the request in its instance id: <c>0</c> the start, <c>n</c> step n, <c>promote</c> a promote.</param>
    /// <param name="stage">What is asked, for people.</param>
    private async Task<(bool Approved, RolloutResult? Ended)> ApproveAsync(string step, string stage)
    {
        var policy = _plan!.Approval;
        Status(_progress with { State = "awaiting-approval", Until = null, Detail = $"approve {stage}: {string.Join(", ", policy.Approvers)}" });
        var evidence = new ApprovalEvidence(_request.Model, _request.Version, _champion, [], [], null, _request.RequestedBy, _request.Reason);
        // Unique per rollout run and step, and the same on replay: the approval ledger keys requests by this id.
        var id = string.Create(CultureInfo.InvariantCulture, $"{_context.InstanceId}-{_progress.Version}-{_started:yyyyMMddHHmmss}-approve-{step}");
        var approval = _context.CallSubOrchestratorAsync<ApprovalResult>(
            nameof(ApprovalOrchestrator),
            new ApprovalRequest(stage, policy.Approvers, policy.RequiredApprovals, policy.Timeout, evidence),
            new SubOrchestrationOptions(instanceId: id));
        if (await Task.WhenAny(approval, _abort, _rollback) != approval)
        {
            _context.SendEvent(id, ApprovalEvents.Cancel, $"the rollout stopped while waiting for {stage}");
            return (false, await TakeEventAsync());
        }

        var result = await approval;
        var who = string.Join(", ", result.Votes.Select(v => $"{v.Approver} ({v.Decision})"));
        Status(_progress with { Detail = $"{stage}: {result.Outcome}{(who.Length > 0 ? " by " + who : "")}" });
        return (result.Approved, null);
    }

    /// <summary>The champion back on all traffic at once (audited, notified), then the end.</summary>
    private async Task<RolloutResult> RestoreAsync(string outcome, string action, string why)
    {
        Status(_progress with { State = "finishing", Until = null, Detail = why });
        var change = await _context.CallActivityAsync<RolloutChange>(
            nameof(FinishRolloutActivity), new FinishRolloutInput(_request.Model, action, _champion, _context.InstanceId, why), Retry);
        return End(outcome, _champion, change.Ok ? why : $"{why} Restoring version {_champion} failed: {change.Error}");
    }

    /// <summary>Promotes <paramref name="version"/>; should that be refused, restores the champion instead.</summary>
    private async Task<RolloutResult> FinishAsync(string outcome, string action, int version, string why)
    {
        Status(_progress with { State = "finishing", Until = null, Detail = why });
        var change = await _context.CallActivityAsync<RolloutChange>(
            nameof(FinishRolloutActivity), new FinishRolloutInput(_request.Model, action, version, _context.InstanceId, why), Retry);
        return change.Ok ? End(outcome, version, why) : await RestoreAsync("rolled-back", "rollback", $"promoting version {version} failed: {change.Error}");
    }

    private RolloutResult End(string outcome, int serving, string detail)
    {
        Status(_progress with { Stage = outcome, State = "done", Until = null, Weight = outcome == "promoted" ? 100 : 0, Detail = detail });
        return new RolloutResult(outcome, _request.Version, serving, detail);
    }

    private void Status(RolloutProgress progress)
    {
        _progress = progress;
        _context.SetCustomStatus(progress);
    }
}
