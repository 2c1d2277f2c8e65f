using Serverless.Core.Scoring;

namespace Serverless.Core.Monitoring;

/// <summary>
/// What one model version did in one window: counts, fixed-bucket histograms and sums only, so windows of
/// several instances and minutes merge exactly (<see cref="Merge"/>). This is the shape stored per instance and
/// minute in Table Storage and returned by <see cref="IWindowReader"/>; rollout health analysis and drift read it.
/// </summary>
/// <remarks>Not thread-safe. Property names are part of the stored format and the stats API: add, never rename.</remarks>
public sealed class WindowAggregate
{
    /// <summary>Requests that reached the model (scored or refused).</summary>
    public long Requests { get; set; }

    /// <summary>Records (rows) scored.</summary>
    public long Records { get; set; }

    /// <summary>Requests that failed, by kind (<see cref="Scoring.ScoringErrorKinds"/>).</summary>
    public Dictionary<string, long> Errors { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Request latency in milliseconds, <see cref="MonitoringBuckets.LatencyMilliseconds"/> bins.</summary>
    public FixedHistogram Latency { get; set; } = new(MonitoringBuckets.LatencyMilliseconds);

    /// <summary>Milliseconds spent per scoring stage (<see cref="ScoringStages"/>), summed over requests.</summary>
    public Dictionary<string, double> StageMilliseconds { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Per-row score (positive-class probability, top probability, or regression value).</summary>
    public FixedHistogram? Scores { get; set; }

    /// <summary>Rows whose output was NaN, infinite or absent.</summary>
    public long InvalidOutputs { get; set; }

    /// <summary>Predicted rows per class label (classification).</summary>
    public Dictionary<string, long> Classes { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Per-feature input statistics, by feature name.</summary>
    public Dictionary<string, FeatureWindow> Features { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Records that were also scored by a shadow version, and how many of them got the same label.</summary>
    public long ShadowCompared { get; set; }

    public long ShadowAgreed { get; set; }

    /// <summary>Sum over compared records of |shadow score - served score|: divided by <see cref="ShadowCompared"/>, the mean difference.</summary>
    public double ShadowScoreDifference { get; set; }

    /// <summary>Refused requests that named a category the model never saw, by feature.</summary>
    public Dictionary<string, long> UnseenCategories { get; set; } = new(StringComparer.Ordinal);

    public long ErrorCount => Errors.Values.Sum();

    /// <summary>Adds <paramref name="other"/> into this window; exact for counts and histograms of equal edges.</summary>
    /// <exception cref="InvalidOperationException">A histogram's edges differ (windows of different versions).</exception>
    public void Merge(WindowAggregate other)
    {
        Requests += other.Requests;
        Records += other.Records;
        AddAll(Errors, other.Errors);
        Latency.Merge(other.Latency);
        foreach (var (stage, ms) in other.StageMilliseconds)
        {
            StageMilliseconds[stage] = StageMilliseconds.GetValueOrDefault(stage) + ms;
        }

        if (other.Scores is not null)
        {
            if (Scores is null)
            {
                Scores = other.Scores.Clone();
            }
            else
            {
                Scores.Merge(other.Scores);
            }
        }

        InvalidOutputs += other.InvalidOutputs;
        AddAll(Classes, other.Classes);
        foreach (var (name, feature) in other.Features)
        {
            if (Features.TryGetValue(name, out var mine))
            {
                mine.Merge(feature);
            }
            else
            {
                Features[name] = feature.Clone();
            }
        }

        ShadowCompared += other.ShadowCompared;
        ShadowAgreed += other.ShadowAgreed;
        ShadowScoreDifference += other.ShadowScoreDifference;
        AddAll(UnseenCategories, other.UnseenCategories);
    }

    /// <summary>A deep copy.</summary>
    public WindowAggregate Clone()
    {
        var copy = new WindowAggregate { Latency = new FixedHistogram(Latency.Edges) };
        copy.Merge(this);
        return copy;
    }

    private static void AddAll(Dictionary<string, long> into, Dictionary<string, long> from)
    {
        foreach (var (key, count) in from)
        {
            into[key] = into.GetValueOrDefault(key) + count;
        }
    }
}
