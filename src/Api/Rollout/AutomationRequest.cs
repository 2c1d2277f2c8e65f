using Serverless.Core.Models;

namespace Serverless.Api.Rollout;

/// <summary>
/// <c>PUT /api/models/{name}/automation</c>: <c>{ "level": "partial", "threshold": 0.8, "reason": "..." }</c>; the
/// threshold applies to <c>partial</c> only (default <c>Monitoring:Review:DefaultThreshold</c>).
/// </summary>
public sealed record AutomationRequest(AutomationLevel? Level, double? Threshold, string? Reason);
