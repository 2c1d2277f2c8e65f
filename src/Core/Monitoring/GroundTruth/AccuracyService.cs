using Microsoft.Extensions.Options;
using Serverless.Core.Models;

namespace Serverless.Core.Monitoring.GroundTruth;

/// <summary>Live accuracy from stored feedback (<see cref="FeedbackStore"/>): per version, per A/B variant and per window.</summary>
public sealed class AccuracyService(IModelRegistry registry, FeedbackStore store, IOptions<FeedbackOptions> options)
{
    /// <summary>The widest range one report covers.</summary>
    public static readonly TimeSpan MaxRange = TimeSpan.FromDays(31);

    /// <summary>The most windows one report has (range / interval), so a small interval over a long range stays bounded.</summary>
    public const int MaxWindows = 1000;

    /// <summary>The report over predictions made in <c>[from, to)</c>, in windows of <paramref name="interval"/>; null for a model without versions.</summary>
    public async Task<AccuracyReport?> GetAsync(
        string model, DateTimeOffset from, DateTimeOffset to, int? version, TimeSpan interval, CancellationToken cancellationToken = default)
    {
        var versions = await registry.ListVersionsAsync(model, cancellationToken);
        if (versions.Count == 0)
        {
            return null;
        }

        var (samples, truncated) = await store.ReadAsync(model, from, to, version, options.Value.MaxReportRows, cancellationToken);
        var manifests = versions.ToDictionary(m => m.Version);
        var groups = new List<AccuracyGroup>();
        foreach (var byVersion in samples.GroupBy(s => s.Version).OrderBy(g => g.Key))
        {
            var manifest = manifests.GetValueOrDefault(byVersion.Key);
            var task = manifest?.Task ?? ModelTask.Classification;
            groups.Add(Group(byVersion.Key, null, byVersion.ToList(), task, manifest?.ClassLabels, from, interval));
            foreach (var byVariant in byVersion.Where(s => s.Variant is not null).GroupBy(s => s.Variant).OrderBy(g => g.Key, StringComparer.Ordinal))
            {
                groups.Add(Group(byVersion.Key, byVariant.Key, byVariant.ToList(), task, manifest?.ClassLabels, from, interval));
            }
        }

        return new AccuracyReport(model, from, to, interval, truncated, groups);
    }

    private static AccuracyGroup Group(
        int version, string? variant, List<LabelledPrediction> samples, ModelTask task, IReadOnlyList<string>? classes, DateTimeOffset from, TimeSpan interval)
    {
        var windows = samples
            .GroupBy(s => from + interval * Math.Floor((s.PredictedAt - from) / interval))
            .OrderBy(g => g.Key)
            .Select(g => new AccuracyWindow(g.Key, AccuracyCalculator.Compute(g.ToList(), task, classes)))
            .ToList();
        return new AccuracyGroup(version, variant, AccuracyCalculator.Compute(samples, task, classes), windows);
    }
}
