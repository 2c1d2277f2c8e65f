using Serverless.Core.Approvals;

namespace Serverless.Workflows.Approvals;

/// <summary>The output of <see cref="ApprovalOrchestrator"/>: the outcome and every decision counted, in arrival order.</summary>
public sealed record ApprovalResult(ApprovalOutcome Outcome, IReadOnlyList<ApprovalVote> Votes, DateTime DecidedAt)
{
    public bool Approved => Outcome == ApprovalOutcome.Approved;
}
