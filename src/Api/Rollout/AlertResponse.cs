using Serverless.Core.Models;

namespace Serverless.Api.Rollout;

/// <summary><c>POST /api/alerts</c>'s answer: what the delivery did (<c>rolledBack</c>, <c>recorded</c>, <c>duplicate</c>, <c>unknownModel</c>, <c>nothingToRollBack</c>).</summary>
public sealed record AlertResponse(string AlertId, string Outcome, string? Model, string? SignalledRollout, string? Message, DeploymentState? State);
