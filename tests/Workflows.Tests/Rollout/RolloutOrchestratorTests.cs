using Serverless.Core.Models;
using Serverless.Core.Rollout;
using Serverless.Core.Rollout.Health;
using Serverless.Core.Rollout.Plans;
using Serverless.Workflows.Approvals;
using Serverless.Workflows.Rollout;

namespace Serverless.Workflows.Tests.Rollout;

/// <summary>
/// Every branch of <see cref="RolloutOrchestrator"/> against a strict mock of the orchestration context
/// (<see cref="RolloutHarness"/>): a call it makes that is not set up fails the test, and the order of what it did is asserted.
/// </summary>
public class RolloutOrchestratorTests
{
    [Fact]
    public async Task RunAsync_CanaryPassesEveryStep_PromotedAfterFourBakes()
    {
        var harness = new RolloutHarness();

        var result = await harness.RunAsync();

        Assert.Equal(new RolloutResult("promoted", 7, 7, "every step passed its health analysis."), result);
        Assert.Equal(
            ["plan", "weights canary 5", "bake", "analyse", "weights canary 25", "bake", "analyse", "weights canary 50", "bake", "analyse",
             "weights canary 100", "bake", "analyse", "finish promote 7"],
            harness.Calls);
        Assert.All(harness.Weights, w => Assert.Equal(RolloutHarness.Instance, w.InstanceId));
        // Each analysis covers its own bake, against the champion, from the step's start to the bake's end.
        Assert.Equal([RolloutHarness.Start, RolloutHarness.Start.AddMinutes(10), RolloutHarness.Start.AddMinutes(20), RolloutHarness.Start.AddMinutes(30)],
            harness.Analyses.Select(a => a.From));
        Assert.All(harness.Analyses, a => Assert.Equal((6, 7, TimeSpan.FromMinutes(10)), (a.Champion, a.Candidate, a.To - a.From)));
        Assert.Contains(harness.Statuses, s => s is { Stage: "canary", Step: 2, Steps: 4, Weight: 25, State: "baking" } && s.Until == RolloutHarness.Start.AddMinutes(20));
        Assert.Equal(("promoted", "done", 100), (harness.Statuses[^1].Stage, harness.Statuses[^1].State, harness.Statuses[^1].Weight));
    }

    [Fact]
    public async Task RunAsync_CanaryFailsAtStep2_RolledBackToTheChampionWithTheReason()
    {
        var harness = new RolloutHarness();
        harness.Verdicts.Enqueue(HealthVerdict.Pass);
        harness.Verdicts.Enqueue(HealthVerdict.Fail);

        var result = await harness.RunAsync();

        Assert.Equal(("rolled-back", 6), (result.Outcome, result.Serving));
        Assert.Contains("canary 25 %", result.Detail, StringComparison.Ordinal);
        Assert.Contains("Fail because the test said so", result.Detail, StringComparison.Ordinal);
        Assert.Equal(["plan", "weights canary 5", "bake", "analyse", "weights canary 25", "bake", "analyse", "finish rollback 6"], harness.Calls);
        Assert.Equal(HealthVerdict.Fail, harness.Statuses.Last(s => s.Health is not null).Health!.Verdict);
    }

    [Fact]
    public async Task RunAsync_RollbackEventDuringABake_RestoresAtOnceSkippingAnalysisAndCancelsTheTimer()
    {
        var harness = new RolloutHarness();
        harness.Timers.Enqueue(new TaskCompletionSource().Task);
        var run = harness.RunAsync();
        Assert.False(run.IsCompleted);
        Assert.Equal("baking", harness.Statuses[^1].State);

        harness.Rollback.SetResult(new RollbackSignal("churn", "5xx over 2 %", "alert-42"));
        var result = await run;

        Assert.Equal(("rolled-back", 6), (result.Outcome, result.Serving));
        Assert.Contains("alert-42", result.Detail, StringComparison.Ordinal);
        Assert.Equal(["plan", "weights canary 5", "bake", "finish rollback 6"], harness.Calls);
        Assert.True(Assert.Single(harness.TimerTokens).IsCancellationRequested);
    }

    [Fact]
    public async Task RunAsync_PromoteEventDuringTheSecondBake_SkipsTheRemainingSteps()
    {
        var harness = new RolloutHarness();
        harness.Timers.Enqueue(Task.CompletedTask);
        harness.Timers.Enqueue(new TaskCompletionSource().Task);
        var run = harness.RunAsync();

        harness.Promote.SetResult(new RolloutCommand("lead@example.org", "looks fine"));
        var result = await run;

        Assert.Equal(("promoted", 7), (result.Outcome, result.Serving));
        Assert.Contains("lead@example.org", result.Detail, StringComparison.Ordinal);
        Assert.Equal(["plan", "weights canary 5", "bake", "analyse", "weights canary 25", "bake", "finish promote 7"], harness.Calls);
        Assert.True(harness.TimerTokens[1].IsCancellationRequested);
    }

    [Fact]
    public async Task RunAsync_AbortEvent_RestoresTheChampionAndEndsAborted()
    {
        var harness = new RolloutHarness();
        harness.Timers.Enqueue(new TaskCompletionSource().Task);
        var run = harness.RunAsync();

        harness.Abort.SetResult(new RolloutCommand("ops@example.org", "freeze"));
        var result = await run;

        Assert.Equal(("aborted", 6), (result.Outcome, result.Serving));
        Assert.Equal(["plan", "weights canary 5", "bake", "finish abort 6"], harness.Calls);
        Assert.Equal("aborted", harness.Statuses[^1].Stage);
    }

    [Fact]
    public async Task RunAsync_EventRaisedBeforeTheFirstStep_ActsBeforeAnyTrafficMoves()
    {
        var harness = new RolloutHarness();
        harness.Abort.SetResult(new RolloutCommand("ops@example.org", "changed my mind"));

        var result = await harness.RunAsync();

        Assert.Equal("aborted", result.Outcome);
        Assert.Equal(["plan", "finish abort 6"], harness.Calls);
    }

    [Fact]
    public async Task RunAsync_InconclusiveThenPass_ExtendsTheBakeOnceOverTheSameWindowStart()
    {
        var harness = new RolloutHarness();
        harness.Verdicts.Enqueue(HealthVerdict.Inconclusive);

        var result = await harness.RunAsync();

        Assert.Equal("promoted", result.Outcome);
        Assert.Equal(["plan", "weights canary 5", "bake", "analyse", "bake", "analyse", "weights canary 25"], harness.Calls.Take(7));
        Assert.Equal(harness.Analyses[0].From, harness.Analyses[1].From);
        Assert.Equal(TimeSpan.FromMinutes(20), harness.Analyses[1].To - harness.Analyses[1].From);
        Assert.Contains(harness.Statuses, s => s is { Step: 1, State: "baking", Extensions: 1 });
    }

    [Fact]
    public async Task RunAsync_InconclusiveUntilTheBound_FailsAndRollsBack()
    {
        var harness = new RolloutHarness(new RolloutPlanSettings { Bake = TimeSpan.FromMinutes(1), MaxExtensions = 2 });
        for (var i = 0; i < 3; i++)
        {
            harness.Verdicts.Enqueue(HealthVerdict.Inconclusive);
        }

        var result = await harness.RunAsync();

        Assert.Equal(("rolled-back", 6), (result.Outcome, result.Serving));
        Assert.Contains("inconclusive", result.Detail, StringComparison.Ordinal);
        Assert.Equal(["plan", "weights canary 5", "bake", "analyse", "bake", "analyse", "bake", "analyse", "finish rollback 6"], harness.Calls);
    }

    [Fact]
    public async Task RunAsync_StepApprovalApproved_AsksBeforeTrafficRisesToThatStep()
    {
        var harness = new RolloutHarness(approval: RolloutHarness.Policy("alice@example.org", steps: "25"));

        var result = await harness.RunAsync();

        Assert.Equal("promoted", result.Outcome);
        var approve = harness.Calls.IndexOf("approve");
        Assert.Equal(["analyse", "approve", "weights canary 25"], harness.Calls.Skip(approve - 1).Take(3));
        var (request, id) = Assert.Single(harness.Approvals);
        Assert.Equal(("raising churn v7 to 25 %", "alice@example.org", 6), (request.Stage, request.Approvers.Single(), request.Evidence.ChampionVersion));
        Assert.Equal("rollout-churn-7-20261201120000-approve-2", id);
        Assert.Contains(harness.Statuses, s => s is { Step: 2, State: "awaiting-approval" });
    }

    [Fact]
    public async Task RunAsync_StepApprovalRejected_RestoresTheChampionAndEndsRejected()
    {
        var harness = new RolloutHarness(approval: RolloutHarness.Policy("alice@example.org", steps: "25"));
        harness.Decisions.Enqueue(ApprovalOutcome.Rejected);

        var result = await harness.RunAsync();

        Assert.Equal(("rejected", 6), (result.Outcome, result.Serving));
        Assert.Equal(["plan", "weights canary 5", "bake", "analyse", "approve", "finish abort 6"], harness.Calls);
    }

    [Fact]
    public async Task RunAsync_StartNeedsApprovalAndItTimesOut_RejectedWithNothingChanged()
    {
        var harness = new RolloutHarness(approval: RolloutHarness.Policy("alice@example.org,bob@example.org", start: true, required: 2));
        harness.Decisions.Enqueue(ApprovalOutcome.TimedOut);

        var result = await harness.RunAsync(startApproved: false);

        Assert.Equal(("rejected", 6), (result.Outcome, result.Serving));
        Assert.Equal(["plan", "approve"], harness.Calls);
        Assert.Equal(2, harness.Approvals[0].Request.RequiredApprovals);
    }

    [Fact]
    public async Task RunAsync_StartAlreadyApproved_DoesNotAskAgain()
    {
        var harness = new RolloutHarness(approval: RolloutHarness.Policy("alice@example.org", start: true));

        var result = await harness.RunAsync(startApproved: true);

        Assert.Equal("promoted", result.Outcome);
        Assert.DoesNotContain("approve", harness.Calls);
    }

    [Fact]
    public async Task RunAsync_BlueGreenFailsAfterTheSwitch_SwitchesBackToBlueAtOnce()
    {
        var harness = new RolloutHarness(new RolloutPlanSettings { Strategy = RolloutPlanner.BlueGreen });
        harness.Verdicts.Enqueue(HealthVerdict.Fail);

        var result = await harness.RunAsync();

        Assert.Equal(("rolled-back", 6), (result.Outcome, result.Serving));
        Assert.Equal(["plan", "weights blue-green 0", "weights blue-green 100", "bake", "analyse", "finish rollback 6"], harness.Calls);
        Assert.All(harness.Weights, w => Assert.Equal(DeploymentMode.BlueGreen, w.Mode));
    }

    [Fact]
    public async Task RunAsync_ShadowStageFirst_BakesTheShadowThenTheCanary()
    {
        var harness = new RolloutHarness(new RolloutPlanSettings { Shadow = true, Steps = "50,100" });

        var result = await harness.RunAsync();

        Assert.Equal("promoted", result.Outcome);
        Assert.Equal(["weights shadow 100", "bake", "analyse", "weights canary 50"], harness.Calls.Skip(1).Take(4));
        Assert.Contains(harness.Statuses, s => s is { Stage: "shadow", Step: 1, Steps: 3, State: "baking" });
    }

    [Fact]
    public async Task RunAsync_CandidateCannotTakeTraffic_RolledBackWithoutBaking()
    {
        var harness = new RolloutHarness { WeightsResult = _ => new RolloutChange(false, null, "version 7 is refused (load failed)") };

        var result = await harness.RunAsync();

        Assert.Equal("rolled-back", result.Outcome);
        Assert.Contains("refused", result.Detail, StringComparison.Ordinal);
        Assert.Equal(["plan", "weights canary 5", "finish rollback 6"], harness.Calls);
    }

    [Fact]
    public async Task RunAsync_PlanRefused_AbortedWithoutTouchingTraffic()
    {
        var harness = new RolloutHarness { PlanResult = new RolloutStart(null, 6, "Model 'churn' has no version 7.") };

        var result = await harness.RunAsync();

        Assert.Equal(new RolloutResult("aborted", 7, 6, "Model 'churn' has no version 7."), result);
        Assert.Equal(["plan"], harness.Calls);
    }
}
