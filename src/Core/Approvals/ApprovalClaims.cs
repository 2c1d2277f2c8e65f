namespace Serverless.Core.Approvals;

/// <summary>What an approval link asserts, signed with HMAC-SHA256 into its token.</summary>
/// <param name="Instance">The waiting approval orchestration's instance id: one per approval request.</param>
/// <param name="Decision">The decision the link makes (an email carries one link per decision).</param>
/// <param name="Approver">Who the link was mailed to (the mail address); decisions are recorded under it.</param>
/// <param name="ExpiresAt">After this the link answers 410; the request's deadline.</param>
/// <param name="Nonce">Random, so two links for the same request and approver (a reminder) never repeat.</param>
public sealed record ApprovalClaims(string Instance, ApprovalDecision Decision, string Approver, DateTimeOffset ExpiresAt, string Nonce);
