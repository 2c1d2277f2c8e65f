using Microsoft.DurableTask;
using Serverless.Core.Approvals;

namespace Serverless.Workflows.Approvals;

/// <summary>
/// Asks people to approve one stage of a model's lifecycle and waits for them: mails the notice, then races the
/// <see cref="ApprovalEvents.Decision"/> events against a durable deadline (<see cref="ApprovalRequest.Timeout"/>),
/// with one reminder to those who have not decided at half time. One rejection decides; so do
/// <see cref="ApprovalRequest.RequiredApprovals"/> approvals from different approvers; the deadline is a rejection,
/// and closes the request in the ledger so its links answer 410 from then on. A <see cref="ApprovalEvents.Cancel"/>
/// event (the rollout that asked was aborted or rolled back meanwhile) closes it the same way and ends it <c>Cancelled</c>,
/// so nobody is reminded of, or can decide, a question nobody is waiting on.
/// </summary>
/// <remarks>
/// Run as a sub-orchestration; its instance id keys the approval request (links and ledger row). Deterministic: the
/// context's clock and timers only. The links' ledger already refuses a second decision per approver; the count here
/// still takes each approver once, so a redelivered event changes nothing. The custom status
/// (<see cref="ApprovalProgress"/>) names the stage, where it stands and who decided.
/// </remarks>
public sealed class ApprovalOrchestrator : TaskOrchestrator<ApprovalRequest, ApprovalResult>
{
    /// <summary>How long a decision the ledger recorded just before the deadline has to arrive as an event.</summary>
    private static readonly TimeSpan DeliveryGrace = TimeSpan.FromMinutes(1);

    private static readonly TaskOptions NoticeRetry = TaskOptions.FromRetryPolicy(new RetryPolicy(5, TimeSpan.FromSeconds(5), 2, TimeSpan.FromMinutes(5)));

    public override async Task<ApprovalResult> RunAsync(TaskOrchestrationContext context, ApprovalRequest input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var start = context.CurrentUtcDateTime;
        var deadline = start + input.Timeout;
        var notice = new ApprovalNotice(context.InstanceId, input.Stage, input.Approvers, input.RequiredApprovals, new DateTimeOffset(deadline, TimeSpan.Zero), input.Evidence);
        var votes = new List<ApprovalVote>();
        void Status(string state) => context.SetCustomStatus(new ApprovalProgress(
            input.Stage, state, votes.Count(v => v.Decision == ApprovalDecision.Approve), input.RequiredApprovals, [.. votes]));

        Status("notifying");
        await context.CallActivityAsync<string[]>(nameof(SendApprovalNoticeActivity), new SendApprovalNoticeInput(notice, Reminder: false), NoticeRetry);
        Status("waiting");

        using var cancel = new CancellationTokenSource();
        var expired = context.CreateTimer(deadline, cancel.Token);
        Task? remind = context.CreateTimer(start + (input.Timeout / 2), cancel.Token);
        var decision = context.WaitForExternalEvent<ApprovalVote>(ApprovalEvents.Decision, cancel.Token);
        var cancelled = context.WaitForExternalEvent<string>(ApprovalEvents.Cancel, cancel.Token);
        var graceStarted = false;
        ApprovalOutcome outcome;
        while (true)
        {
            var winner = remind is null ? await Task.WhenAny(decision, expired, cancelled) : await Task.WhenAny(decision, remind, expired, cancelled);
            if (winner == cancelled)
            {
                // Whether or not a decision got into the ledger first, the asker is gone: close it so the links stop.
                await context.CallActivityAsync<bool>(nameof(ExpireApprovalActivity), context.InstanceId, NoticeRetry);
                outcome = ApprovalOutcome.Cancelled;
                break;
            }

            if (winner == expired)
            {
                // Close the ledger first: a link not yet expired by the clock (timers fire a moment early) must not decide
                // after this. If a decision got there first, its event is on the way: wait for it, a bounded while.
                if (graceStarted || await context.CallActivityAsync<bool>(nameof(ExpireApprovalActivity), context.InstanceId, NoticeRetry))
                {
                    outcome = ApprovalOutcome.TimedOut;
                    break;
                }

                graceStarted = true;
                expired = context.CreateTimer(context.CurrentUtcDateTime + DeliveryGrace, cancel.Token);
                continue;
            }

            if (winner == remind)
            {
                remind = null;
                await context.CallActivityAsync<string[]>(nameof(SendApprovalNoticeActivity), new SendApprovalNoticeInput(notice, Reminder: true), NoticeRetry);
                Status("reminded");
                continue;
            }

            var vote = await decision;
            if (!votes.Any(v => string.Equals(v.Approver, vote.Approver, StringComparison.OrdinalIgnoreCase)))
            {
                votes.Add(vote);
                if (vote.Decision == ApprovalDecision.Reject)
                {
                    outcome = ApprovalOutcome.Rejected;
                    break;
                }

                if (votes.Count >= input.RequiredApprovals)
                {
                    outcome = ApprovalOutcome.Approved;
                    break;
                }

                Status("waiting");
            }

            decision = context.WaitForExternalEvent<ApprovalVote>(ApprovalEvents.Decision, cancel.Token);
        }

        // Cancel() rather than CancelAsync(): callbacks must run on the orchestration's own thread.
        cancel.Cancel();
        Status(outcome switch
        {
            ApprovalOutcome.Approved => "approved", ApprovalOutcome.Rejected => "rejected", ApprovalOutcome.Cancelled => "cancelled", _ => "timedOut",
        });
        return new ApprovalResult(outcome, votes, context.CurrentUtcDateTime);
    }
}
