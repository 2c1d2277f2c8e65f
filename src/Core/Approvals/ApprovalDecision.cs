namespace Serverless.Core.Approvals;

/// <summary>What an approver decided; each approval link carries one.</summary>
public enum ApprovalDecision
{
    Approve,
    Reject,
}
