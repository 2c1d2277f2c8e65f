namespace Serverless.Api.Rollout;

/// <summary><c>POST /api/models/{name}/rollouts</c>: <c>{ "version": 7, "plan": "canary", "reason": "..." }</c>; plan defaults to the model's.</summary>
public sealed record RolloutStartRequest(int? Version, string? Plan, string? Reason);
