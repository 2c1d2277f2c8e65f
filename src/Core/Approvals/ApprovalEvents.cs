namespace Serverless.Core.Approvals;

/// <summary>The external event an approval orchestration waits for; its payload is the <see cref="ApprovalVote"/>.</summary>
public static class ApprovalEvents
{
    public const string Decision = "ApprovalDecision";
}
