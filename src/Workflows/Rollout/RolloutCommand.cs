namespace Serverless.Workflows.Rollout;

/// <summary>The payload of the <see cref="RolloutNames.PromoteEvent"/> and <see cref="RolloutNames.AbortEvent"/> events: who asked and why, for the audit.</summary>
public sealed record RolloutCommand(string By, string Reason);
