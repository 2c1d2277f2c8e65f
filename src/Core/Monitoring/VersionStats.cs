namespace Serverless.Core.Monitoring;

/// <summary>One version's statistics over a range: per-minute summaries, the merged window and its drift.</summary>
/// <param name="Drift">Against the version's training histograms; null when its manifest is gone.</param>
public sealed record VersionStats(int Version, WindowSummary Summary, IReadOnlyList<MinuteSummary> Minutes, WindowAggregate Total, DriftReport? Drift);
