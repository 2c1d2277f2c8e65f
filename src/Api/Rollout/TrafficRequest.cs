using Serverless.Core.Models;

namespace Serverless.Api.Rollout;

/// <summary>
/// <c>PUT /api/models/{name}/traffic</c>: <c>{ "mode": "canary", "challenger": 3, "weights": { "2": 75, "3": 25 },
/// "routingKeyField": "customer_id", "reason": "..." }</c>.
/// </summary>
public sealed record TrafficRequest(DeploymentMode? Mode, int? Challenger, Dictionary<int, int>? Weights, string? RoutingKeyField, string? Reason);
