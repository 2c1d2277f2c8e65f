namespace Serverless.Core.Monitoring;

/// <summary>The drift of one feature (or of the score, named <c>score</c>) in a live window.</summary>
/// <param name="Psi">Null when it could not be computed (<see cref="DriftLevel.InsufficientData"/>).</param>
/// <param name="Rows">Live rows it was computed over.</param>
public sealed record DistributionDrift(string Name, double? Psi, DriftLevel Level, long Rows);
