namespace Serverless.Core.Approvals;

/// <summary>The external events an approval orchestration waits for.</summary>
public static class ApprovalEvents
{
    /// <summary>A person decided; the payload is the <see cref="ApprovalVote"/>.</summary>
    public const string Decision = "ApprovalDecision";

    /// <summary>The workflow that asked no longer needs the decision (its rollout was aborted or rolled back); the payload is why.</summary>
    public const string Cancel = "ApprovalCancel";
}
