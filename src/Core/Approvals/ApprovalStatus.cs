namespace Serverless.Core.Approvals;

/// <summary>Where an approval request stands in the ledger.</summary>
public enum ApprovalStatus
{
    /// <summary>Waiting for decisions.</summary>
    Pending,
    /// <summary>Enough approvals arrived; later decisions are refused.</summary>
    Approved,
    /// <summary>An approver rejected; later decisions are refused.</summary>
    Rejected,
    /// <summary>The deadline passed with no decision (the orchestration closed it); later decisions are refused as expired.</summary>
    TimedOut,
}
