using Serverless.Core.Approvals;
using Serverless.Core.Rollout;
using Serverless.Workflows.Approvals;
using Serverless.Workflows.Rollout;

namespace Serverless.Workflows.Tests.Rollout;

/// <summary>
/// A <c>Promote</c> during a bake raises the candidate to 100 % at once, so when a remaining step of the plan needs a fresh
/// approval, <see cref="RolloutOrchestrator"/> asks one approval for the promote first (strict mock, <see cref="RolloutHarness"/>).
/// </summary>
public class RolloutPromoteApprovalTests
{
    private const string PromoteApproval = "rollout-churn-7-20261201120000-approve-promote";

    /// <summary>Approvals before 50 % (step 3 of 5, 25, 50, 100); the first bake elapses, the second (25 %) waits for the test.</summary>
    private static RolloutHarness PromoteDuringTheSecondBake(string steps)
    {
        var harness = new RolloutHarness(approval: RolloutHarness.Policy("alice@example.org", steps: steps));
        harness.Timers.Enqueue(Task.CompletedTask);
        harness.Timers.Enqueue(new TaskCompletionSource().Task);
        return harness;
    }

    [Fact]
    public async Task RunAsync_PromoteWhenNoRemainingStepNeedsApproval_PromotesAtOnce()
    {
        // 25 is the second step's threshold: approved before 25 %, nothing left to approve while it bakes.
        var harness = PromoteDuringTheSecondBake("25");
        var run = harness.RunAsync();

        harness.Promote.SetResult(new RolloutCommand("lead@example.org", "looks fine"));
        var result = await run;

        Assert.Equal(("promoted", 7), (result.Outcome, result.Serving));
        Assert.Equal(["plan", "weights canary 5", "bake", "analyse", "approve", "weights canary 25", "bake", "finish promote 7"], harness.Calls);
        Assert.Equal("rollout-churn-7-20261201120000-approve-2", Assert.Single(harness.Approvals).InstanceId);
    }

    [Fact]
    public async Task RunAsync_PromoteWhenALaterStepNeedsApprovalAndItIsApproved_AsksOnceThenPromotes()
    {
        var harness = PromoteDuringTheSecondBake("50");
        var promote = new TaskCompletionSource<ApprovalResult>();
        harness.PendingApprovals.Enqueue(promote);
        var run = harness.RunAsync();

        harness.Promote.SetResult(new RolloutCommand("lead@example.org", "looks fine"));
        Assert.False(run.IsCompleted); // 100 % is past the 50 % threshold: alice is asked first
        Assert.Equal(("awaiting-approval", 25), (harness.Statuses[^1].State, harness.Statuses[^1].Weight));
        promote.SetResult(new ApprovalResult(ApprovalOutcome.Approved, [], RolloutHarness.Start));
        var result = await run;

        Assert.Equal(("promoted", 7), (result.Outcome, result.Serving));
        Assert.Contains("promoted by lead@example.org", result.Detail, StringComparison.Ordinal);
        Assert.Contains("promote approved", result.Detail, StringComparison.Ordinal);
        Assert.Equal(["plan", "weights canary 5", "bake", "analyse", "weights canary 25", "bake", "approve", "finish promote 7"], harness.Calls);
        var (request, id) = Assert.Single(harness.Approvals);
        Assert.Equal(PromoteApproval, id);
        Assert.Equal("promoting churn v7 to 100 %", request.Stage);
        Assert.Equal(["alice@example.org"], request.Approvers);
        Assert.True(harness.TimerTokens[1].IsCancellationRequested);
    }

    [Theory]
    [InlineData(ApprovalOutcome.Rejected)]
    [InlineData(ApprovalOutcome.TimedOut)]
    public async Task RunAsync_PromoteApprovalNotGiven_RestoresTheChampionAndEndsRejectedAsARejectedStep(ApprovalOutcome outcome)
    {
        var harness = PromoteDuringTheSecondBake("50");
        harness.Decisions.Enqueue(outcome);
        var run = harness.RunAsync();

        harness.Promote.SetResult(new RolloutCommand("lead@example.org", "ship it"));
        var result = await run;

        Assert.Equal(("rejected", 6), (result.Outcome, result.Serving));
        Assert.Contains("100 % (asked by lead@example.org) was not approved", result.Detail, StringComparison.Ordinal);
        Assert.Equal(["plan", "weights canary 5", "bake", "analyse", "weights canary 25", "bake", "approve", "finish abort 6"], harness.Calls);
        Assert.Equal(PromoteApproval, Assert.Single(harness.Approvals).InstanceId);
        Assert.Empty(harness.SentEvents);
    }

    [Fact]
    public async Task RunAsync_RollbackWhileThePromoteApprovalWaits_EndsTheWaitCancelsTheRequestAndRestores()
    {
        var harness = PromoteDuringTheSecondBake("50");
        harness.PendingApprovals.Enqueue(new TaskCompletionSource<ApprovalResult>());
        var run = harness.RunAsync();
        harness.Promote.SetResult(new RolloutCommand("lead@example.org", "ship it"));
        Assert.False(run.IsCompleted);

        harness.Rollback.SetResult(new RollbackSignal("churn", "5xx over 2 %", "alert-7"));
        var result = await run;

        Assert.Equal(("rolled-back", 6), (result.Outcome, result.Serving));
        Assert.Contains("alert alert-7", result.Detail, StringComparison.Ordinal);
        Assert.Equal(["plan", "weights canary 5", "bake", "analyse", "weights canary 25", "bake", "approve", $"send {ApprovalEvents.Cancel}", "finish rollback 6"],
            harness.Calls);
        Assert.Equal((PromoteApproval, ApprovalEvents.Cancel), Assert.Single(harness.SentEvents));
    }

    [Fact]
    public async Task RunAsync_PromoteBeforeTheStepThatNeedsApproval_AsksForThePromoteNotTheStep()
    {
        // Promote raised during the first bake; the next step (25 %) is the one that needs approval.
        var harness = new RolloutHarness(approval: RolloutHarness.Policy("alice@example.org", steps: "25"));
        harness.Timers.Enqueue(new TaskCompletionSource().Task);
        var run = harness.RunAsync();

        harness.Promote.SetResult(new RolloutCommand("lead@example.org", "looks fine"));
        var result = await run;

        Assert.Equal(("promoted", 7), (result.Outcome, result.Serving));
        Assert.Equal(["plan", "weights canary 5", "bake", "approve", "finish promote 7"], harness.Calls);
        Assert.Equal(PromoteApproval, Assert.Single(harness.Approvals).InstanceId);
    }
}
