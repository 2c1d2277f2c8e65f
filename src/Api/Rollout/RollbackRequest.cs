namespace Serverless.Api.Rollout;

/// <summary><c>POST /api/models/{name}/rollback</c>: optional <c>{ "version": 2, "reason": "..." }</c>; no version means the last known good.</summary>
public sealed record RollbackRequest(int? Version, string? Reason);
