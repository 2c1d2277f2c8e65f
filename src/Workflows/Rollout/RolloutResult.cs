namespace Serverless.Workflows.Rollout;

/// <summary>The output of the rollout orchestration.</summary>
/// <param name="Outcome"><c>promoted</c>, <c>rolled-back</c>, <c>aborted</c> or <c>rejected</c> (an approval said no or timed out).</param>
/// <param name="Version">The candidate version.</param>
/// <param name="Serving">The version serving all traffic when the rollout ended.</param>
/// <param name="Detail">Why it ended so, for people (the failed health check, who rolled back, ...).</param>
public sealed record RolloutResult(string Outcome, int Version, int Serving, string Detail);
