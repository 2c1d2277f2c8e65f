namespace Serverless.Core.Monitoring.GroundTruth;

/// <summary>The metrics of the predictions made in <c>[Start, Start + interval)</c>; windows without samples are left out.</summary>
public sealed record AccuracyWindow(DateTimeOffset Start, AccuracyMetrics Metrics);
