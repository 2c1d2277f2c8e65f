using Serverless.Core.Approvals;

namespace Serverless.Workflows.Approvals;

/// <summary>The input of <see cref="ApprovalOrchestrator"/>: what is asked, of whom, how many must approve, for how long.</summary>
/// <param name="Stage">What is asked, completing "Approve ...": "the rollout of churn v7", "raising churn v7 to 25 %".</param>
/// <param name="Timeout">How long approvers have; no decision by then is a rejection. One reminder goes out at half time.</param>
public sealed record ApprovalRequest(
    string Stage,
    IReadOnlyList<string> Approvers,
    int RequiredApprovals,
    TimeSpan Timeout,
    ApprovalEvidence Evidence);
