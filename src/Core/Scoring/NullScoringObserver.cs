using Serverless.Core.Models;

namespace Serverless.Core.Scoring;

/// <summary>Records nothing: the observer when monitoring is not registered.</summary>
public sealed class NullScoringObserver : IScoringObserver
{
    public static NullScoringObserver Instance { get; } = new();

    public void RecordScored(ModelManifest manifest, string endpoint, ReadOnlySpan<float> features, int rows, TabularPredictions? predictions, in ScoringTimings timings,
        in ScoringCall call = default)
    {
    }

    public void RecordFailed(ModelManifest? manifest, string endpoint, string errorKind, in ScoringTimings timings, string? feature = null)
    {
    }
}
