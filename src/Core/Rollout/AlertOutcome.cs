using Serverless.Core.Models;

namespace Serverless.Core.Rollout;

/// <summary>What an alert delivery did.</summary>
/// <param name="SignalledRollout">The rollout instance that received the <c>Rollback</c> event, if any.</param>
public sealed record AlertOutcome(AlertOutcomeKind Kind, string? Model, DeploymentState? State = null, string? SignalledRollout = null, string? Message = null);
