using Serverless.Core.Models;

namespace Serverless.Core.Monitoring;

/// <summary>PSI per feature and for the score, between a manifest's training histograms and a live window. Stateless.</summary>
/// <remarks>
/// Live feature bins use the training bin edges (see <see cref="VersionLayout"/>), so the comparison is bin for bin.
/// Missing values are an extra bin on both sides when either side has any, so a jump in missing values is drift too.
/// </remarks>
public static class DriftAnalyzer
{
    public static DriftReport Analyze(ModelManifest manifest, WindowAggregate window, DriftThresholds thresholds)
    {
        var features = new List<DistributionDrift>();
        foreach (var definition in manifest.Features?.Features ?? [])
        {
            var training = manifest.Statistics?.FirstOrDefault(h => h.Name == definition.Name);
            window.Features.TryGetValue(definition.Name, out var live);
            features.Add(Feature(definition.Name, training, live, thresholds));
        }

        DistributionDrift? score = null;
        if (manifest.ScoreHistogram is { } trainingScores)
        {
            var live = window.Scores;
            var rows = live?.Count ?? 0;
            score = live is null || rows < thresholds.MinimumRows || live.Counts.Length != trainingScores.Counts.Count
                    || !FixedHistogram.SameEdges(live.Edges, trainingScores.BinEdges)
                ? new DistributionDrift("score", null, DriftLevel.InsufficientData, rows)
                : Judge("score", trainingScores.Counts.ToArray(), live.Counts, rows, thresholds);
        }

        var level = features.Append(score).Where(d => d is not null).Select(d => d!.Level).DefaultIfEmpty(DriftLevel.InsufficientData).Max();
        return new DriftReport(manifest.Name, manifest.Version, level, window.Records, features, score);
    }

    private static DistributionDrift Feature(string name, FeatureHistogram? training, FeatureWindow? live, DriftThresholds thresholds)
    {
        var rows = live?.Rows ?? 0;
        if (training is null || live is null || rows < thresholds.MinimumRows || training.Counts.Count != live.Values.Counts.Length)
        {
            return new DistributionDrift(name, null, DriftLevel.InsufficientData, rows);
        }

        var withMissing = training.Missing > 0 || live.Missing > 0;
        var expected = training.Counts.ToList();
        var actual = live.Values.Counts.ToList();
        if (withMissing)
        {
            expected.Add(training.Missing);
            actual.Add(live.Missing);
        }

        return Judge(name, expected.ToArray(), actual.ToArray(), rows, thresholds);
    }

    private static DistributionDrift Judge(string name, long[] expected, long[] actual, long rows, DriftThresholds thresholds)
    {
        if (expected.Sum() == 0)
        {
            return new DistributionDrift(name, null, DriftLevel.InsufficientData, rows);
        }

        var psi = Psi.Compute(expected, actual);
        return new DistributionDrift(name, psi, thresholds.LevelOf(psi), rows);
    }
}
