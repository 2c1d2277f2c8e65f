using Microsoft.Extensions.Options;
using Serverless.Core.Models;

namespace Serverless.Core.Monitoring;

/// <summary>Window statistics of one model with drift per version: the stats endpoint's and the dashboard's source. Thread-safe.</summary>
public sealed class ModelStatsService(IModelRegistry registry, IWindowReader windows, IOptions<DriftOptions> drift)
{
    /// <summary>Longest range one call may read (a week of minutes).</summary>
    public static readonly TimeSpan MaxRange = TimeSpan.FromDays(7);

    /// <returns>Null when the model has no registered version.</returns>
    public async Task<ModelStats?> GetAsync(string model, DateTimeOffset from, DateTimeOffset to, int? version, CancellationToken cancellationToken = default)
    {
        var manifests = await registry.ListVersionsAsync(model, cancellationToken);
        if (manifests.Count == 0)
        {
            return null;
        }

        var thresholds = drift.Value.ThresholdsFor(model);
        var result = new List<VersionStats>();
        foreach (var series in await windows.ReadAsync(model, from, to, version, cancellationToken))
        {
            var manifest = manifests.FirstOrDefault(m => m.Version == series.Version);
            result.Add(new VersionStats(
                series.Version,
                WindowSummary.Of(series.Total),
                series.Minutes.Select(m => new MinuteSummary(m.Minute, m.Instances, WindowSummary.Of(m.Aggregate))).ToList(),
                series.Total,
                manifest is null ? null : DriftAnalyzer.Analyze(manifest, series.Total, thresholds)));
        }

        return new ModelStats(model, from, to, result);
    }
}
