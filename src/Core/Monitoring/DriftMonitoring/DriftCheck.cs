namespace Serverless.Core.Monitoring.DriftMonitoring;

/// <summary>One check of one model: each version's drift over the window and what was done about it.</summary>
/// <param name="Versions">The drift of every version that scored in the window.</param>
/// <param name="Retrain">The retrain instance started, when <see cref="Action"/> is <see cref="DriftAction.RetrainStarted"/>.</param>
public sealed record DriftCheck(
    string Model, DateTimeOffset CheckedAt, DateTimeOffset From, DriftLevel Level, DriftAction Action, IReadOnlyList<DriftReport> Versions,
    string? Retrain = null, string? Detail = null);
