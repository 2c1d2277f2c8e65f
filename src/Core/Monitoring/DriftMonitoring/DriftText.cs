using System.Globalization;

namespace Serverless.Core.Monitoring.DriftMonitoring;

/// <summary>A one-line description of a check for people: the versions and features at act, with their PSI.</summary>
internal static class DriftText
{
    public static string Describe(DriftCheck check) => string.Join("; ", check.Versions.Where(v => v.Level == DriftLevel.Act).Select(v =>
        string.Create(CultureInfo.InvariantCulture, $"version {v.Version} ({v.Rows} rows): ")
        + string.Join(", ", v.Features.Append(v.Score).OfType<DistributionDrift>().Where(d => d.Level == DriftLevel.Act)
            .Select(d => string.Create(CultureInfo.InvariantCulture, $"{d.Name} PSI {d.Psi:0.###}")))));
}
