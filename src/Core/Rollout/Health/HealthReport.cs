namespace Serverless.Core.Rollout.Health;

/// <summary>The verdict of one health analysis and what it rests on (kept in the rollout's custom status and output).</summary>
/// <param name="Reason">The failed check, why it is inconclusive, or that every check passed.</param>
/// <param name="Checks">Every check made, one line each (<c>error rate 0.2 % vs 0.1 % (limit 1.1 %): ok</c>).</param>
/// <param name="ScorePsi">Between the champion's and the candidate's score histograms; null when either has too few scores.</param>
public sealed record HealthReport(
    HealthVerdict Verdict, string Reason, VersionHealth Candidate, VersionHealth Champion, double? ScorePsi, IReadOnlyList<string> Checks,
    DateTimeOffset From, DateTimeOffset To);
