using Serverless.Core.Models;

namespace Serverless.Core.Scoring;

/// <summary>
/// One model version loaded into ONNX Runtime, verified against its SHA-256, ready to score.
/// Created once per (model, version) and shared: every member is thread-safe.
/// </summary>
public interface IScoringModel
{
    ModelManifest Manifest { get; }

    /// <summary>The encoder of <see cref="ModelManifest.Features"/>, or null for tensor-only models.</summary>
    FeatureEncoder? Encoder { get; }

    /// <summary>
    /// Scores rows already encoded by <see cref="Encoder"/>: row-major, <c>rows * Encoder.Width</c> floats.
    /// Used by HTTP record scoring and batch scoring alike.
    /// </summary>
    TabularPredictions ScoreEncoded(ReadOnlyMemory<float> features, int rows);
}
