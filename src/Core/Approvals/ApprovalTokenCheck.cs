namespace Serverless.Core.Approvals;

/// <summary>A checked token: its status, and its claims when the signature was genuine (valid or expired).</summary>
public sealed record ApprovalTokenCheck(ApprovalTokenStatus Status, ApprovalClaims? Claims)
{
    public static ApprovalTokenCheck Invalid { get; } = new(ApprovalTokenStatus.Invalid, null);
}
