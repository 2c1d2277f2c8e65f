using Serverless.Core.Models;

namespace Serverless.Core.Rollout;

/// <summary>
/// A requested split (<c>PUT /api/models/{name}/traffic</c>): mode, challenger and the weight per version (champion and
/// challenger, summing to 100; in shadow mode the challenger's weight is the sampled percent).
/// </summary>
/// <param name="RoutingKeyField">The record field that keeps a caller on one version; null keeps the current one.</param>
public sealed record TrafficChange(DeploymentMode Mode, int? Challenger, IReadOnlyDictionary<int, int> Weights, string? RoutingKeyField = null);
