namespace Serverless.Core.Approvals;

/// <summary>One metric of the candidate beside the champion's on the same holdout (null: the champion has none).</summary>
public sealed record MetricComparison(string Name, double Candidate, double? Champion);
