namespace Serverless.Core.Monitoring;

/// <summary>PSI thresholds of one model, and the smallest live sample worth judging.</summary>
public sealed record DriftThresholds(double Warn = 0.1, double Act = 0.25, long MinimumRows = 100)
{
    public static DriftThresholds Default { get; } = new();

    public DriftLevel LevelOf(double psi) => psi >= Act ? DriftLevel.Act : psi >= Warn ? DriftLevel.Warn : DriftLevel.Stable;
}
