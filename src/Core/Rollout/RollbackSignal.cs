namespace Serverless.Core.Rollout;

/// <summary>The payload of the <c>Rollback</c> event a rollout orchestration receives.</summary>
public sealed record RollbackSignal(string Model, string Reason, string? AlertId);
