namespace Serverless.Workflows.Approvals;

/// <summary>How an approval request ended.</summary>
public enum ApprovalOutcome
{
    Approved,
    Rejected,
    /// <summary>No decision before the deadline: treated as a rejection.</summary>
    TimedOut,
    /// <summary>The workflow that asked stopped waiting (<see cref="Serverless.Core.Approvals.ApprovalEvents.Cancel"/>); the request is closed.</summary>
    Cancelled,
}
