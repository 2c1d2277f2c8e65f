namespace Serverless.Core.Monitoring;

/// <summary>Drift of one model version over a live window against its training histograms.</summary>
/// <param name="Level">The worst level of any feature or the score.</param>
/// <param name="Rows">Records scored in the window.</param>
/// <param name="Score">The score's drift; null when the manifest has no training score histogram.</param>
public sealed record DriftReport(
    string Model, int Version, DriftLevel Level, long Rows, IReadOnlyList<DistributionDrift> Features, DistributionDrift? Score);
