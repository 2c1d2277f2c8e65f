namespace Serverless.Core.Monitoring.GroundTruth;

/// <summary>One version's (or one variant's) metrics over the whole range and per window of the report's interval.</summary>
public sealed record AccuracyGroup(int Version, string? Variant, AccuracyMetrics Total, IReadOnlyList<AccuracyWindow> Windows);
