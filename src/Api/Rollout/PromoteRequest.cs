namespace Serverless.Api.Rollout;

/// <summary><c>POST /api/models/{name}/promote</c>: <c>{ "version": 3, "reason": "..." }</c>.</summary>
public sealed record PromoteRequest(int? Version, string? Reason);
