using Serverless.Core.Approvals;
using Serverless.Core.Rollout;
using Serverless.Workflows.Approvals;
using Serverless.Workflows.Rollout;

namespace Serverless.Workflows.Tests.Rollout;

/// <summary>
/// Events that arrive while <see cref="RolloutOrchestrator"/> waits for an approval (strict mock): Abort and Rollback end
/// the wait at once and cancel the pending request; Promote stays subject to the approval.
/// </summary>
public class RolloutApprovalEventTests
{
    private const string StepApproval = "rollout-churn-7-20261201120000-approve-2";

    private static RolloutHarness StepApprovalPending(out TaskCompletionSource<ApprovalResult> approval)
    {
        var harness = new RolloutHarness(approval: RolloutHarness.Policy("alice@example.org", steps: "25"));
        approval = new TaskCompletionSource<ApprovalResult>();
        harness.PendingApprovals.Enqueue(approval);
        return harness;
    }

    [Fact]
    public async Task RunAsync_AbortWhileAwaitingAStepApproval_EndsAtOnceCancellingTheRequest()
    {
        var harness = StepApprovalPending(out _);
        var run = harness.RunAsync();
        Assert.False(run.IsCompleted); // waiting for alice
        Assert.Equal("awaiting-approval", harness.Statuses[^1].State);

        harness.Abort.SetResult(new RolloutCommand("ops@example.org", "wrong candidate"));
        var result = await run;

        Assert.Equal(("aborted", 6), (result.Outcome, result.Serving));
        Assert.Contains("wrong candidate", result.Detail, StringComparison.Ordinal);
        Assert.Equal(["plan", "weights canary 5", "bake", "analyse", "approve", $"send {ApprovalEvents.Cancel}", "finish abort 6"], harness.Calls);
        Assert.Equal((StepApproval, ApprovalEvents.Cancel), Assert.Single(harness.SentEvents));
    }

    [Fact]
    public async Task RunAsync_RollbackWhileAwaitingTheStartApproval_RestoresAtOnceAndNoTrafficMoves()
    {
        var harness = new RolloutHarness(approval: RolloutHarness.Policy("alice@example.org", start: true));
        harness.PendingApprovals.Enqueue(new TaskCompletionSource<ApprovalResult>());
        var run = harness.RunAsync(startApproved: false);
        Assert.False(run.IsCompleted);

        harness.Rollback.SetResult(new RollbackSignal("churn", "error rate", "alert-1"));
        var result = await run;

        Assert.Equal(("rolled-back", 6), (result.Outcome, result.Serving));
        Assert.Contains("alert alert-1", result.Detail, StringComparison.Ordinal);
        Assert.Equal(["plan", "approve", $"send {ApprovalEvents.Cancel}", "finish rollback 6"], harness.Calls);
        Assert.Empty(harness.Weights);
        Assert.Equal("rollout-churn-7-20261201120000-approve-0", Assert.Single(harness.SentEvents).InstanceId);
    }

    [Fact]
    public async Task RunAsync_PromoteWhileAwaitingApproval_WaitsForTheDecisionThenPromotes()
    {
        var harness = StepApprovalPending(out var approval);
        var run = harness.RunAsync();

        harness.Promote.SetResult(new RolloutCommand("ops@example.org", "looks good"));
        await Task.Yield();
        Assert.False(run.IsCompleted); // a promote raises traffic: it waits for the approval asked
        approval.SetResult(new ApprovalResult(ApprovalOutcome.Approved, [], RolloutHarness.Start));
        var result = await run;

        Assert.Equal(("promoted", 7), (result.Outcome, result.Serving));
        Assert.Contains("promoted by ops@example.org", result.Detail, StringComparison.Ordinal);
        Assert.Equal(["plan", "weights canary 5", "bake", "analyse", "approve", "finish promote 7"], harness.Calls);
        Assert.Empty(harness.SentEvents);
    }

    [Fact]
    public async Task RunAsync_PromoteWhileAwaitingApprovalThenRejected_EndsRejectedAndDropsThePromote()
    {
        var harness = StepApprovalPending(out var approval);
        var run = harness.RunAsync();

        harness.Promote.SetResult(new RolloutCommand("ops@example.org", "ship it"));
        approval.SetResult(new ApprovalResult(ApprovalOutcome.Rejected, [], RolloutHarness.Start));
        var result = await run;

        Assert.Equal(("rejected", 6), (result.Outcome, result.Serving));
        Assert.Equal(["plan", "weights canary 5", "bake", "analyse", "approve", "finish abort 6"], harness.Calls);
    }
}
