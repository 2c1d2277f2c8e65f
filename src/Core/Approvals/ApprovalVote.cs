namespace Serverless.Core.Approvals;

/// <summary>One approver's decision, as recorded in the ledger and raised to the waiting orchestration.</summary>
/// <param name="From">Where the decision came from (client address and user agent), for the audit trail.</param>
/// <param name="Nonce">The nonce of the link that decided, so a retried POST of the same link is recognised.</param>
/// <param name="Delivered">Whether the orchestration was told; a retry of an undelivered decision tells it again.</param>
public sealed record ApprovalVote(
    string Approver, ApprovalDecision Decision, DateTimeOffset DecidedAt, string From, string Nonce, bool Delivered = false);
