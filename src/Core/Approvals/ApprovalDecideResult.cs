namespace Serverless.Core.Approvals;

/// <summary>The outcome of <see cref="ApprovalLedger.DecideAsync"/>, with the request as it stands afterwards.</summary>
/// <param name="Vote">The vote recorded, or for <see cref="ApprovalDecideStatus.AlreadyDecided"/> this approver's earlier one if any.</param>
public sealed record ApprovalDecideResult(ApprovalDecideStatus Status, ApprovalRequestState? State, ApprovalVote? Vote)
{
    /// <summary>Why a refused decision was refused, naming what was decided and by whom.</summary>
    public string Explain() => Status switch
    {
        ApprovalDecideStatus.UnknownRequest => "No such approval request.",
        ApprovalDecideStatus.Expired => "This approval request timed out; no decision can be recorded (an expired request counts as rejected).",
        ApprovalDecideStatus.AlreadyDecided when Vote is { } earlier =>
            $"{earlier.Approver} already decided this request: {Verb(earlier.Decision)} at {earlier.DecidedAt:u}. The request is {State!.Describe()}.",
        ApprovalDecideStatus.AlreadyDecided => $"This request is already decided: {State!.Describe()}.",
        _ => $"Recorded: {Verb(Vote!.Decision)} by {Vote.Approver}.",
    };

    private static string Verb(ApprovalDecision decision) => decision == ApprovalDecision.Approve ? "approved" : "rejected";
}
