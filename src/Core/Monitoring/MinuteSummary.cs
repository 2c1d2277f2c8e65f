namespace Serverless.Core.Monitoring;

/// <summary>One minute of one version, summarized (for charts).</summary>
public sealed record MinuteSummary(DateTimeOffset Minute, int Instances, WindowSummary Summary);
