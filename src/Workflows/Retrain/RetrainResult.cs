using Serverless.Workflows.Approvals;
using Serverless.Workflows.Rollout;

namespace Serverless.Workflows.Retrain;

/// <summary>The output of <see cref="RetrainOrchestrator"/>: how far the candidate got and what each stage decided.</summary>
/// <param name="Stage">The last stage reached: <c>validate</c>, <c>approval</c> or <c>rollout</c>.</param>
/// <param name="Outcome">
/// <c>rejected by validation</c>, <c>no approvers</c>, <c>rejected by approvers</c>, <c>approval timed out</c>, <c>rollout failed</c>,
/// or the rollout's own outcome (<c>promoted</c>, <c>rolled-back</c>, <c>aborted</c>, <c>rejected</c>).
/// </param>
/// <param name="Version">The candidate version training registered.</param>
/// <param name="ValidationPassed">The validation verdict.</param>
/// <param name="FailedGates">The gates that failed, by name (empty when validation passed).</param>
/// <param name="Approval">The approval's outcome; null when none was asked.</param>
/// <param name="Rollout">The rollout's result; null when none ran.</param>
/// <param name="Detail">Why it ended so, for people.</param>
public sealed record RetrainResult(
    string Stage,
    string Outcome,
    string Model,
    int Version,
    bool ValidationPassed,
    IReadOnlyList<string> FailedGates,
    ApprovalOutcome? Approval,
    RolloutResult? Rollout,
    string Detail);
