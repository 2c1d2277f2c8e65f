namespace Serverless.Core.Approvals;

/// <summary>An approval request to mail: who decides what, by when, on which evidence.</summary>
/// <param name="Instance">The approval orchestration's instance id; its links raise events there.</param>
/// <param name="Stage">What is asked, completing "Approve ...": "the rollout of churn v7", "raising churn v7 to 25 %".</param>
public sealed record ApprovalNotice(
    string Instance,
    string Stage,
    IReadOnlyList<string> Approvers,
    int RequiredApprovals,
    DateTimeOffset ExpiresAt,
    ApprovalEvidence Evidence);
