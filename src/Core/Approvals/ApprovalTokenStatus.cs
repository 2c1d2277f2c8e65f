namespace Serverless.Core.Approvals;

/// <summary>The result of checking an approval token.</summary>
public enum ApprovalTokenStatus
{
    /// <summary>Signed with our key and not expired.</summary>
    Valid,
    /// <summary>Malformed, or its signature does not match (tampered, or signed with another key): 403.</summary>
    Invalid,
    /// <summary>Genuine but past its expiry: 410.</summary>
    Expired,
}
