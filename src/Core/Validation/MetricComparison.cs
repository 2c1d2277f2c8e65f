namespace Serverless.Core.Validation;

/// <summary>One metric of the candidate beside the champion's (null: the champion has none).</summary>
public sealed record MetricComparison(string Name, double Candidate, double? Champion);
