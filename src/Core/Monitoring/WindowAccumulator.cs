using Serverless.Core.Scoring;

namespace Serverless.Core.Monitoring;

/// <summary>
/// One model version's running totals for one minute on this instance: the flat per-row counts of
/// <see cref="VersionLayout"/> plus request-level counters. Callers hold their <see cref="VersionMonitor.Gate"/> for every access.
/// </summary>
internal sealed class WindowAccumulator(VersionLayout layout, DateTimeOffset minute)
{
    public VersionLayout Layout { get; } = layout;

    public DateTimeOffset Minute { get; } = minute;

    public long[] Counts { get; } = new long[layout.Size];

    public long[] Latency { get; } = new long[MonitoringBuckets.LatencyMilliseconds.Count + 1];

    public double LatencySum { get; set; }

    public double[] StageSums { get; } = new double[4];

    public long Requests { get; set; }

    public long Records { get; set; }

    public double ScoreSum { get; set; }

    public long ShadowCompared { get; set; }

    public long ShadowAgreed { get; set; }

    public double ShadowScoreDifference { get; set; }

    public Dictionary<string, long> Errors { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, long> UnseenCategories { get; } = new(StringComparer.Ordinal);

    /// <summary>Changes since the last flush (so an idle minute is not rewritten).</summary>
    public bool Dirty { get; set; }

    public static readonly string[] Stages = [ScoringStages.Parse, ScoringStages.Encode, ScoringStages.Infer, ScoringStages.Write];

    public void AddTimings(in ScoringTimings timings)
    {
        var ms = timings.Total.TotalMilliseconds;
        Latency[FixedHistogram.BinOf(MonitoringBuckets.LatencyMilliseconds, ms)]++;
        LatencySum += ms;
        StageSums[0] += timings.Parse.TotalMilliseconds;
        StageSums[1] += timings.Encode.TotalMilliseconds;
        StageSums[2] += timings.Infer.TotalMilliseconds;
        StageSums[3] += timings.Write.TotalMilliseconds;
    }

    /// <summary>A copy in the stored and readable shape. Caller holds the monitor's gate.</summary>
    public WindowAggregate ToAggregate()
    {
        var aggregate = new WindowAggregate
        {
            Requests = Requests,
            Records = Records,
            Latency = new FixedHistogram(MonitoringBuckets.LatencyMilliseconds, (long[])Latency.Clone(), LatencySum),
            InvalidOutputs = Counts[Layout.InvalidOffset],
            ShadowCompared = ShadowCompared,
            ShadowAgreed = ShadowAgreed,
            ShadowScoreDifference = ShadowScoreDifference,
        };
        foreach (var (kind, count) in Errors)
        {
            aggregate.Errors[kind] = count;
        }

        foreach (var (feature, count) in UnseenCategories)
        {
            aggregate.UnseenCategories[feature] = count;
        }

        for (var s = 0; s < Stages.Length; s++)
        {
            if (StageSums[s] > 0)
            {
                aggregate.StageMilliseconds[Stages[s]] = StageSums[s];
            }
        }

        var scores = Counts.AsSpan(Layout.ScoreOffset, Layout.ScoreEdges.Length + 1).ToArray();
        aggregate.Scores = new FixedHistogram(Layout.ScoreEdges, scores, ScoreSum);
        for (var c = 0; c < Layout.Classes.Count; c++)
        {
            if (Counts[Layout.ClassOffset + c] > 0)
            {
                aggregate.Classes[Layout.Classes[c]] = Counts[Layout.ClassOffset + c];
            }
        }

        foreach (var feature in Layout.Features)
        {
            var bins = Counts.AsSpan(feature.Offset, feature.Bins).ToArray();
            aggregate.Features[feature.Name] = new FeatureWindow(
                new FixedHistogram(feature.Edges, bins, 0), Counts[feature.Missing], Counts[feature.Below], Counts[feature.Above]);
        }

        return aggregate;
    }
}
