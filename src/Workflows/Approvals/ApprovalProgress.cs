using Serverless.Core.Approvals;

namespace Serverless.Workflows.Approvals;

/// <summary>
/// The custom status of an approval orchestration: the stage it asks about, where it stands, and who decided what
/// (read by status polls, so it stays small).
/// </summary>
/// <param name="State"><c>notifying</c>, <c>waiting</c>, <c>reminded</c>, then <c>approved</c>, <c>rejected</c> or <c>timedOut</c>.</param>
public sealed record ApprovalProgress(string Stage, string State, int Approvals, int RequiredApprovals, IReadOnlyList<ApprovalVote> DecidedBy);
