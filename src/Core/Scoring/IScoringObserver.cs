using Serverless.Core.Models;

namespace Serverless.Core.Scoring;

/// <summary>
/// What the scoring paths tell monitoring: one call per request or batch block. The port lives here so scoring
/// does not depend on monitoring; <c>Monitoring.ScoringRecorder</c> implements it.
/// </summary>
/// <remarks>Implementations must be thread-safe, must not block on I/O and must never throw.</remarks>
public interface IScoringObserver
{
    /// <summary>A scored request or batch block.</summary>
    /// <param name="features">The encoded rows (row-major); empty for tensor requests.</param>
    /// <param name="predictions">Tabular predictions, or null when the outputs are raw tensors.</param>
    /// <param name="call">The request id and routing of the call, for the prediction log; default when unknown.</param>
    void RecordScored(
        ModelManifest manifest, string endpoint, ReadOnlySpan<float> features, int rows, TabularPredictions? predictions, in ScoringTimings timings,
        in ScoringCall call = default);

    /// <summary>A refused or failed request; <paramref name="manifest"/> is null when no model version was resolved.</summary>
    /// <param name="errorKind">One of <see cref="ScoringErrorKinds"/>.</param>
    /// <param name="feature">For <see cref="ScoringErrorKinds.UnseenCategory"/>: the feature at fault.</param>
    void RecordFailed(ModelManifest? manifest, string endpoint, string errorKind, in ScoringTimings timings, string? feature = null);

    /// <summary>A shadow version scored a copy of a request <paramref name="serving"/> answered, and how they compared.</summary>
    void RecordShadow(ModelManifest serving, int shadowVersion, in ShadowComparison comparison)
    {
    }

    /// <summary>A shadow copy was dropped because the shadow queue was full (the response was not affected).</summary>
    void RecordShadowDropped(ModelManifest serving, int shadowVersion)
    {
    }
}
