namespace Serverless.Core.Approvals;

/// <summary>One approval request in the ledger: what is asked, of whom, until when, and the decisions so far.</summary>
/// <param name="Instance">The approval orchestration's instance id (the ledger row's partition key).</param>
/// <param name="Subject">One line naming what is asked ("churn v7: start the rollout"), shown on the confirmation page.</param>
public sealed record ApprovalRequestState(
    string Instance,
    string Subject,
    int RequiredApprovals,
    IReadOnlyList<string> Approvers,
    DateTimeOffset ExpiresAt,
    ApprovalStatus Status,
    IReadOnlyList<ApprovalVote> Votes)
{
    /// <summary>A one-line account of the decisions ("approved by a@x.org, b@x.org"), for 409 answers and statuses.</summary>
    public string Describe() => Status switch
    {
        ApprovalStatus.Approved => "approved by " + string.Join(", ", Votes.Where(v => v.Decision == ApprovalDecision.Approve).Select(v => v.Approver)),
        ApprovalStatus.Rejected => "rejected by " + string.Join(", ", Votes.Where(v => v.Decision == ApprovalDecision.Reject).Select(v => v.Approver)),
        ApprovalStatus.TimedOut => "timed out without a decision (counted as rejected)",
        _ => $"pending ({Votes.Count(v => v.Decision == ApprovalDecision.Approve)} of {RequiredApprovals} approvals)",
    };

    /// <summary>The state after <paramref name="vote"/>: a rejection decides at once, approvals when enough arrived.</summary>
    public ApprovalRequestState With(ApprovalVote vote)
    {
        var votes = Votes.Append(vote).ToList();
        var status = vote.Decision == ApprovalDecision.Reject ? ApprovalStatus.Rejected
            : votes.Count(v => v.Decision == ApprovalDecision.Approve) >= RequiredApprovals ? ApprovalStatus.Approved
            : ApprovalStatus.Pending;
        return this with { Votes = votes, Status = status };
    }
}
