using System.Globalization;
using Microsoft.DurableTask;
using Serverless.Core.Approvals;
using Serverless.Core.Monitoring.DriftMonitoring;
using Serverless.Core.Scoring;
using Serverless.Core.Validation;
using Serverless.Workflows.Approvals;
using Serverless.Workflows.Rollout;
using Serverless.Workflows.Training;
using Serverless.Workflows.Validation;

namespace Serverless.Workflows.Retrain;

/// <summary>
/// Retrains a model and carries the candidate as far as it earns: plan (spec, champion, policy), snapshot the data,
/// train/export/evaluate and register with lineage (the training workflow's own activities), score the champion on the
/// candidate's holdout and validate against it, ask the model's approvers (<see cref="ApprovalOrchestrator"/>), and roll it out
/// (<see cref="RolloutNames.Orchestrator"/>, start already approved). The custom status (<see cref="RetrainProgress"/>)
/// names the stage at every step; the output (<see cref="RetrainResult"/>) says how far it got and why.
/// </summary>
/// <remarks>
/// Runs as <see cref="RetrainRequest.InstanceId"/>, one per model, so the instance id is reused across retrains; the
/// training run id adds the context's replay-safe <c>NewGuid</c>, so a new retrain never finds an old one's version.
/// Deterministic: activities, sub-orchestrations and the context only. A bad spec, unusable data or a storage fault
/// that outlasts the retries ends it Failed (stage <c>failed</c>); every decision against the candidate ends it
/// Completed with the reason.
/// </remarks>
public sealed class RetrainOrchestrator : TaskOrchestrator<RetrainRequest, RetrainResult>
{
    /// <summary>Retries transient faults as training does; an unknown model is permanent too.</summary>
    public static TaskOptions Retry { get; } = TaskOptions.FromRetryHandler(async retry =>
    {
        if (retry.LastAttemptNumber >= TrainModelOrchestrator.MaxAttempts || IsPermanent(retry.LastFailure))
        {
            return false;
        }

        await retry.OrchestrationContext.CreateTimer(TimeSpan.FromSeconds(2 * retry.LastAttemptNumber), retry.CancellationToken);
        return true;
    });

    public override async Task<RetrainResult> RunAsync(TaskOrchestrationContext context, RetrainRequest input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var model = input.Model;
        RetrainPlan plan;
        TrainingSnapshot snapshot;
        TrainedVersion candidate;
        ValidationReport report;
        try
        {
            context.SetCustomStatus(new RetrainProgress(RetrainStages.Prepare, $"{input.Reason} retrain of {model} asked by {input.RequestedBy}"));
            plan = await context.CallActivityAsync<RetrainPlan>(nameof(PrepareRetrainActivity), input, Retry);

            context.SetCustomStatus(new RetrainProgress(RetrainStages.Snapshot, "copying the training data"));
            snapshot = await context.CallActivityAsync<TrainingSnapshot>(nameof(SnapshotTrainingDataActivity), plan.Training, Retry);

            context.SetCustomStatus(new RetrainProgress(RetrainStages.Train, $"{snapshot.Bytes} bytes, sha256 {snapshot.Sha256}"));
            var run = $"{context.InstanceId}-{context.NewGuid():N}";
            candidate = await context.CallActivityAsync<TrainedVersion>(nameof(TrainCandidateActivity), new TrainCandidateInput(plan.Training, snapshot, run), Retry);

            context.SetCustomStatus(new RetrainProgress(RetrainStages.Validate, Describe(candidate, plan.Champion), candidate.Version));
            // The champion scored on the rows the candidate was evaluated on, so the no-regression gate compares like with like.
            var onHoldout = plan.Champion is { } champion && champion != candidate.Version
                ? await context.CallActivityAsync<ChampionOnHoldout>(
                    nameof(ScoreChampionOnHoldoutActivity), new ChampionHoldoutInput(model, champion, plan.Training.SpecJson, snapshot), Retry)
                : null;
            report = await context.CallActivityAsync<ValidationReport>(
                nameof(ValidateCandidateActivity), new ValidationRequest(model, candidate.Version, plan.Champion, onHoldout, plan.Policy.Validation), Retry);
        }
        catch (TaskFailedException e)
        {
            var reason = e.FailureDetails.ErrorMessage;
            context.SetCustomStatus(new RetrainProgress(RetrainStages.Failed, reason));
            throw new TrainingFailedException(reason);
        }

        var version = candidate.Version;
        string[] failed = [.. report.Gates.Where(g => !g.Passed).Select(g => g.Name)];
        if (!report.Passed)
        {
            return End(RetrainStages.Validate, "rejected by validation", $"failed gates: {string.Join(", ", failed)}");
        }

        var policy = plan.Policy.Approval;
        if (policy.Approvers.Count == 0)
        {
            return End(RetrainStages.Approval, "no approvers", $"no approvers configured for {model} (Approvals:Models:{model}:Approvers or Approvals:Default:Approvers)");
        }

        context.SetCustomStatus(new RetrainProgress(RetrainStages.Approval, $"waiting for {policy.RequiredApprovals} of {string.Join(", ", policy.Approvers)}", version));
        var evidence = new ApprovalEvidence(
            model, version, report.ChampionVersion, report.Metrics, report.Gates,
            new DataSnapshot(snapshot.Blob, snapshot.Sha256, candidate.Metrics.TryGetValue("rows", out var rows) ? (long)rows : 0),
            input.RequestedBy, string.IsNullOrEmpty(input.Detail) ? input.Reason : $"{input.Reason}: {input.Detail}", ComparedWith: report.ComparedWith);
        var approval = await context.CallSubOrchestratorAsync<ApprovalResult>(
            nameof(ApprovalOrchestrator),
            new ApprovalRequest($"the rollout of {model} v{version}", policy.Approvers, policy.RequiredApprovals, policy.Timeout, evidence),
            new SubOrchestrationOptions(new TaskOptions(), ApprovalInstanceId(model, version)));
        if (!approval.Approved)
        {
            return approval.Outcome == ApprovalOutcome.TimedOut
                ? End(RetrainStages.Approval, "approval timed out", $"no decision within {policy.Timeout}", approval.Outcome)
                : End(RetrainStages.Approval, "rejected by approvers", $"rejected by {approval.Votes.LastOrDefault()?.Approver}", approval.Outcome);
        }

        context.SetCustomStatus(new RetrainProgress(RetrainStages.Rollout, $"approved by {string.Join(", ", approval.Votes.Select(v => v.Approver))}", version));
        RolloutResult rollout;
        try
        {
            rollout = await context.CallSubOrchestratorAsync<RolloutResult>(
                RolloutNames.Orchestrator,
                new RolloutRequest(model, version, input.RequestedBy, input.Reason, StartApproved: true),
                new SubOrchestrationOptions(new TaskOptions(), RolloutNames.InstanceId(model)));
        }
        catch (TaskFailedException e)
        {
            return End(RetrainStages.Rollout, "rollout failed", e.FailureDetails.ErrorMessage, approval.Outcome);
        }

        return End(RetrainStages.Rollout, rollout.Outcome, rollout.Detail, approval.Outcome, rollout);

        RetrainResult End(string stage, string outcome, string detail, ApprovalOutcome? approved = null, RolloutResult? rolled = null)
        {
            var final = stage == RetrainStages.Rollout ? RetrainStages.Done : RetrainStages.Rejected;
            context.SetCustomStatus(new RetrainProgress(final, $"{outcome}: {detail}", version));
            return new RetrainResult(stage, outcome, model, version, report.Passed, failed, approved, rolled, detail);
        }
    }

    /// <summary>The approval's instance id, which keys its links and ledger row: one per candidate version.</summary>
    public static string ApprovalInstanceId(string model, int version) =>
        string.Create(CultureInfo.InvariantCulture, $"approval-{model}-v{version}");

    /// <summary>Training's permanent failures, and a model or version that does not exist.</summary>
    public static bool IsPermanent(TaskFailureDetails failure) =>
        TrainModelOrchestrator.IsPermanent(failure) || failure.ErrorType == typeof(ModelNotFoundException).FullName;

    private static string Describe(TrainedVersion candidate, int? champion) =>
        string.Create(CultureInfo.InvariantCulture, $"{candidate.Model} v{candidate.Version} against {(champion is { } c ? $"v{c}" : "no champion")}");
}
