using Microsoft.DurableTask;
using Moq;
using Serverless.Core.Approvals;
using Serverless.Core.Monitoring.DriftMonitoring;
using Serverless.Core.Validation;
using Serverless.Training;
using Serverless.Workflows.Approvals;
using Serverless.Workflows.Retrain;
using Serverless.Workflows.Rollout;
using Serverless.Workflows.Training;
using Serverless.Workflows.Validation;

namespace Serverless.Workflows.Tests.Retrain;

/// <summary>
/// Every branch of <see cref="RetrainOrchestrator"/> against a strict mock of its context: a stage it should not reach
/// (an approval after failed gates, a rollout after a rejection) is a call nobody set up, and fails the test.
/// </summary>
public class RetrainOrchestratorTests
{
    private static readonly Guid RunGuid = new("0f8fad5b-d9cb-469f-a165-70867728950e");
    private static readonly RetrainRequest Request = new("churn", "manual", 3, "new quarter", DateTimeOffset.UnixEpoch, RequestedBy: "ada@example.org");
    private static readonly TrainModelRequest Training = new("churn", """{"data":{"blob":"c/d.csv"},"label":"y","task":"binary"}""", "ada@example.org", "manual", 3);
    private static readonly TrainingSnapshot Snapshot = new("training-snapshots/churn/abc/d.csv", "abc", 1234, "c/d.csv", "\"etag\"");
    private static readonly TrainedVersion Candidate = new("churn", 4, false, new Dictionary<string, double> { ["auc"] = 0.91, ["rows"] = 10_000 }, "abc");
    private static readonly ChampionOnHoldout ChampionScore = new(3, 2_000, new Dictionary<string, double> { ["auc"] = 0.9 });

    private readonly Mock<TaskOrchestrationContext> _context = new(MockBehavior.Strict);
    private readonly List<RetrainProgress> _statuses = [];
    private readonly List<ApprovalRequest> _approvals = [];
    private readonly List<RolloutRequest> _rollouts = [];

    public RetrainOrchestratorTests()
    {
        _context.SetupGet(c => c.InstanceId).Returns("retrain-churn");
        _context.Setup(c => c.NewGuid()).Returns(RunGuid);
        _context.Setup(c => c.SetCustomStatus(It.IsAny<object?>())).Callback<object?>(s => _statuses.Add((RetrainProgress)s!));
        Plan(Policy(["alice@example.org", "bob@example.org"], 1, TimeSpan.FromHours(72)));
        _context.Setup(c => c.CallActivityAsync<TrainingSnapshot>(nameof(SnapshotTrainingDataActivity), Training, RetrainOrchestrator.Retry))
            .ReturnsAsync(Snapshot);
        _context.Setup(c => c.CallActivityAsync<TrainedVersion>(
                nameof(TrainCandidateActivity), new TrainCandidateInput(Training, Snapshot, $"retrain-churn-{RunGuid:N}"), RetrainOrchestrator.Retry))
            .ReturnsAsync(Candidate);
        _context.Setup(c => c.CallActivityAsync<ChampionOnHoldout>(
                nameof(ScoreChampionOnHoldoutActivity), new ChampionHoldoutInput("churn", 3, Training.SpecJson, Snapshot), RetrainOrchestrator.Retry))
            .ReturnsAsync(ChampionScore);
        Gates(passed: true);
    }

    [Fact]
    public async Task RunAsync_GatesPassAndApproved_RollsOutStartApprovedAndPassesTheOutcomeThrough()
    {
        Approval(ApprovalOutcome.Approved, Vote("alice@example.org"));
        Rollout(new RolloutResult("promoted", 4, 4, "all steps healthy"));

        var result = await RunAsync();

        Assert.Equal((RetrainStages.Rollout, "promoted", 4, true), (result.Stage, result.Outcome, result.Version, result.ValidationPassed));
        Assert.Equal(ApprovalOutcome.Approved, result.Approval);
        Assert.Equal(new RolloutResult("promoted", 4, 4, "all steps healthy"), result.Rollout);
        Assert.Equal(new RolloutRequest("churn", 4, "ada@example.org", "manual", StartApproved: true), Assert.Single(_rollouts));
        var approval = Assert.Single(_approvals);
        Assert.Equal(("the rollout of churn v4", 1, TimeSpan.FromHours(72)), (approval.Stage, approval.RequiredApprovals, approval.Timeout));
        Assert.Equal(["alice@example.org", "bob@example.org"], approval.Approvers);
        Assert.Equal((4, (int?)3, "ada@example.org", "manual: new quarter"), (approval.Evidence.CandidateVersion, approval.Evidence.ChampionVersion, approval.Evidence.RequestedBy, approval.Evidence.Reason));
        Assert.Equal(new DataSnapshot(Snapshot.Blob, "abc", 10_000), approval.Evidence.Data);
        Assert.Equal(new MetricComparison("auc", 0.91, 0.9, 0.88), Assert.Single(approval.Evidence.Metrics));
        Assert.Equal("champion v3 re-scored on this candidate's holdout (2000 rows)", approval.Evidence.ComparedWith);
        Assert.Equal(
            [RetrainStages.Prepare, RetrainStages.Snapshot, RetrainStages.Train, RetrainStages.Validate, RetrainStages.Approval, RetrainStages.Rollout, RetrainStages.Done],
            _statuses.Select(s => s.Stage));
        Assert.Equal(4, _statuses[^1].Version);
    }

    [Fact]
    public async Task RunAsync_NoChampion_ValidatesWithoutScoringOne()
    {
        Plan(Policy(["alice@example.org"], 1, TimeSpan.FromHours(72)), champion: null);
        _context.Setup(c => c.CallActivityAsync<ValidationReport>(
                nameof(ValidateCandidateActivity), new ValidationRequest("churn", 4, null, null, null), RetrainOrchestrator.Retry))
            .ReturnsAsync(new ValidationReport("churn", 4, null, false, [new GateResult("metric minimums", false, "auc 0.5 not >= 0.6")], [], 0.2,
                new ValidationPolicy(), DateTimeOffset.UnixEpoch, ChampionBasis.None));

        var result = await RunAsync();

        Assert.Equal("rejected by validation", result.Outcome);
        _context.Verify(c => c.CallActivityAsync<ChampionOnHoldout>(nameof(ScoreChampionOnHoldoutActivity), It.IsAny<object?>(), It.IsAny<TaskOptions?>()), Times.Never);
    }

    [Fact]
    public async Task RunAsync_GatesFail_EndsRejectedByValidationWithoutAskingAnyone()
    {
        Gates(passed: false);

        var result = await RunAsync();

        Assert.Equal((RetrainStages.Validate, "rejected by validation", false), (result.Stage, result.Outcome, result.ValidationPassed));
        Assert.Equal(["no regression"], result.FailedGates);
        Assert.Null(result.Approval);
        Assert.Null(result.Rollout);
        Assert.Empty(_approvals);
        Assert.Equal(RetrainStages.Rejected, _statuses[^1].Stage);
        Assert.StartsWith("rejected by validation", _statuses[^1].Detail);
    }

    [Fact]
    public async Task RunAsync_ApprovalRejected_EndsRejectedByApproversWithoutRollout()
    {
        Approval(ApprovalOutcome.Rejected, Vote("bob@example.org", ApprovalDecision.Reject));

        var result = await RunAsync();

        Assert.Equal((RetrainStages.Approval, "rejected by approvers", ApprovalOutcome.Rejected), (result.Stage, result.Outcome, result.Approval));
        Assert.Contains("bob@example.org", result.Detail);
        Assert.Empty(_rollouts);
        Assert.Equal(RetrainStages.Rejected, _statuses[^1].Stage);
    }

    [Fact]
    public async Task RunAsync_TwoApprovalsRequired_AsksForTwoAndRollsOutOnceBothApproved()
    {
        Plan(Policy(["alice@example.org", "bob@example.org"], 2, TimeSpan.FromHours(24)));
        Approval(ApprovalOutcome.Approved, Vote("alice@example.org"), Vote("bob@example.org"));
        Rollout(new RolloutResult("promoted", 4, 4, "ok"));

        var result = await RunAsync();

        var approval = Assert.Single(_approvals);
        Assert.Equal((2, TimeSpan.FromHours(24)), (approval.RequiredApprovals, approval.Timeout));
        Assert.Equal("promoted", result.Outcome);
        Assert.Contains("alice@example.org, bob@example.org", _statuses.Single(s => s.Stage == RetrainStages.Rollout).Detail);
    }

    [Fact]
    public async Task RunAsync_ApprovalTimesOut_CountsAsRejection()
    {
        Approval(ApprovalOutcome.TimedOut);

        var result = await RunAsync();

        Assert.Equal((RetrainStages.Approval, "approval timed out", ApprovalOutcome.TimedOut), (result.Stage, result.Outcome, result.Approval));
        Assert.Empty(_rollouts);
    }

    [Fact]
    public async Task RunAsync_NoApproversConfigured_EndsWithoutAskingOrRollingOut()
    {
        Plan(Policy([], 1, TimeSpan.FromHours(72)));

        var result = await RunAsync();

        Assert.Equal((RetrainStages.Approval, "no approvers"), (result.Stage, result.Outcome));
        Assert.Contains("Approvals:Models:churn:Approvers", result.Detail);
        Assert.Empty(_approvals);
    }

    [Fact]
    public async Task RunAsync_TrainingFails_FailsWithItsReasonAndNeverValidates()
    {
        _context.Setup(c => c.CallActivityAsync<TrainedVersion>(nameof(TrainCandidateActivity), It.IsAny<TrainCandidateInput>(), RetrainOrchestrator.Retry))
            .ThrowsAsync(Failure<TrainingDataException>("Label column 'y' has one class only ('1')."));

        var error = await Assert.ThrowsAsync<TrainingFailedException>(RunAsync);

        Assert.Contains("one class only", error.Message);
        Assert.Equal([RetrainStages.Prepare, RetrainStages.Snapshot, RetrainStages.Train, RetrainStages.Failed], _statuses.Select(s => s.Stage));
        _context.Verify(c => c.CallActivityAsync<ValidationReport>(nameof(ValidateCandidateActivity), It.IsAny<object?>(), It.IsAny<TaskOptions?>()), Times.Never);
    }

    [Fact]
    public async Task RunAsync_NoSpecToRetrainWith_FailsAtPrepare()
    {
        _context.Setup(c => c.CallActivityAsync<RetrainPlan>(nameof(PrepareRetrainActivity), Request, RetrainOrchestrator.Retry))
            .ThrowsAsync(Failure<Serverless.Training.Spec.TrainingSpecException>("'spec': model 'churn' has no version trained from a spec"));

        var error = await Assert.ThrowsAsync<TrainingFailedException>(RunAsync);

        Assert.Contains("'spec'", error.Message);
        Assert.Equal([RetrainStages.Prepare, RetrainStages.Failed], _statuses.Select(s => s.Stage));
    }

    [Theory]
    [InlineData("rolled-back", 3, "p95 latency 80 ms > 50 ms at 25 %")]
    [InlineData("aborted", 3, "aborted by ops")]
    [InlineData("rejected", 3, "the step to 50 % was rejected")]
    public async Task RunAsync_RolloutEndsOtherwise_ItsOutcomeIsTheRetrainsOutcome(string outcome, int serving, string detail)
    {
        Approval(ApprovalOutcome.Approved, Vote("alice@example.org"));
        Rollout(new RolloutResult(outcome, 4, serving, detail));

        var result = await RunAsync();

        Assert.Equal((RetrainStages.Rollout, outcome, detail), (result.Stage, result.Outcome, result.Detail));
        Assert.Equal(serving, result.Rollout!.Serving);
        Assert.Equal(RetrainStages.Done, _statuses[^1].Stage);
    }

    [Fact]
    public async Task RunAsync_RolloutOrchestrationFails_EndsRolloutFailedWithItsReason()
    {
        Approval(ApprovalOutcome.Approved, Vote("alice@example.org"));
        _context.Setup(c => c.CallSubOrchestratorAsync<RolloutResult>(
                It.Is<TaskName>(n => n.Name == RolloutNames.Orchestrator), It.IsAny<object?>(), It.IsAny<TaskOptions?>()))
            .ThrowsAsync(Failure<InvalidOperationException>("rollout-churn is already running"));

        var result = await RunAsync();

        Assert.Equal(("rollout failed", "rollout-churn is already running"), (result.Outcome, result.Detail));
        Assert.Null(result.Rollout);
    }

    [Theory]
    [InlineData("Serverless.Core.Scoring.ModelNotFoundException", true)]
    [InlineData("Serverless.Training.Spec.TrainingSpecException", true)]
    [InlineData("Azure.RequestFailedException", false)]
    public void IsPermanent_ByErrorType(string errorType, bool permanent) =>
        Assert.Equal(permanent, RetrainOrchestrator.IsPermanent(new TaskFailureDetails(errorType, "m", null, null, null)));

    private Task<RetrainResult> RunAsync() => new RetrainOrchestrator().RunAsync(_context.Object, Request);

    private void Plan(RetrainPolicy policy, int? champion = 3) =>
        _context.Setup(c => c.CallActivityAsync<RetrainPlan>(nameof(PrepareRetrainActivity), Request, RetrainOrchestrator.Retry))
            .ReturnsAsync(new RetrainPlan(Training, champion, policy));

    private void Gates(bool passed)
    {
        var gates = new[] { new GateResult("minimums", true, "auc 0.91 >= 0.6"), new GateResult("no regression", passed, "auc 0.91 vs 0.9") };
        _context.Setup(c => c.CallActivityAsync<ValidationReport>(
                nameof(ValidateCandidateActivity), new ValidationRequest("churn", 4, 3, ChampionScore, null), RetrainOrchestrator.Retry))
            .ReturnsAsync(new ValidationReport("churn", 4, 3, passed, gates, [new MetricComparison("auc", 0.91, 0.9, 0.88)], 0.2, new ValidationPolicy(),
                DateTimeOffset.UnixEpoch, ChampionBasis.Holdout, ChampionScore));
    }

    private void Approval(ApprovalOutcome outcome, params ApprovalVote[] votes) =>
        _context.Setup(c => c.CallSubOrchestratorAsync<ApprovalResult>(
                It.Is<TaskName>(n => n.Name == nameof(ApprovalOrchestrator)),
                It.IsAny<object?>(),
                It.Is<TaskOptions?>(o => o is SubOrchestrationOptions && ((SubOrchestrationOptions)o).InstanceId == "approval-churn-v4")))
            .Callback<TaskName, object?, TaskOptions?>((_, input, _) => _approvals.Add((ApprovalRequest)input!))
            .ReturnsAsync(new ApprovalResult(outcome, votes, DateTime.UnixEpoch));

    private void Rollout(RolloutResult result) =>
        _context.Setup(c => c.CallSubOrchestratorAsync<RolloutResult>(
                It.Is<TaskName>(n => n.Name == RolloutNames.Orchestrator),
                It.IsAny<object?>(),
                It.Is<TaskOptions?>(o => o is SubOrchestrationOptions && ((SubOrchestrationOptions)o).InstanceId == "rollout-churn")))
            .Callback<TaskName, object?, TaskOptions?>((_, input, _) => _rollouts.Add((RolloutRequest)input!))
            .ReturnsAsync(result);

    private static RetrainPolicy Policy(string[] approvers, int required, TimeSpan timeout) =>
        new(new ApprovalPolicy(approvers, required, timeout, false, [], "Approvals:Models:churn"), null);

    private static ApprovalVote Vote(string approver, ApprovalDecision decision = ApprovalDecision.Approve) =>
        new(approver, decision, DateTimeOffset.UnixEpoch, "10.0.0.1", "n");

    private static TaskFailedException Failure<T>(string message) =>
        new("activity", 1, new TaskFailureDetails(typeof(T).FullName!, message, null, null, null));
}
