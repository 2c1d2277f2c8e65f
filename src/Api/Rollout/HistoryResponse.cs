using Serverless.Core.Models;

namespace Serverless.Api.Rollout;

/// <summary><c>GET /api/models/{name}/history</c>: the current state and the audit log, newest first.</summary>
public sealed record HistoryResponse(string Model, DeploymentState State, IReadOnlyList<DeploymentChange> Changes);
