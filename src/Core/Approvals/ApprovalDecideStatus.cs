namespace Serverless.Core.Approvals;

/// <summary>What recording a decision did.</summary>
public enum ApprovalDecideStatus
{
    /// <summary>Recorded (or a retry of the same link whose decision was not delivered yet): tell the orchestration.</summary>
    Recorded,
    /// <summary>This approver already decided, or the request is already decided: 409, nothing changed.</summary>
    AlreadyDecided,
    /// <summary>The request timed out before this decision: 410, nothing changed.</summary>
    Expired,
    /// <summary>No request with this instance id: 404.</summary>
    UnknownRequest,
}
