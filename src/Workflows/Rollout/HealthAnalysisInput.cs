namespace Serverless.Workflows.Rollout;

/// <summary>The input of <see cref="AnalyzeRolloutHealthActivity"/>: the candidate over <c>[From, To)</c> against the champion.</summary>
/// <param name="RolloutStarted">When the rollout began: the champion's reference window reaches back from there (Rollout:Health:Baseline).</param>
public sealed record HealthAnalysisInput(string Model, int Candidate, int Champion, DateTime From, DateTime To, DateTime RolloutStarted);
