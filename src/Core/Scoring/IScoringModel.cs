using Serverless.Core.Models;
using Serverless.Core.Scoring.OpenInference;

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

    /// <summary>
    /// Runs the model on named tensors (Open Inference Protocol v2) and returns the requested tensor outputs
    /// (all tensor outputs when <paramref name="outputs"/> is null), with datatypes and shapes as produced.
    /// </summary>
    /// <exception cref="InvalidInferenceInputException">
    /// An input is unknown, missing or duplicated, or its datatype, rank, fixed dimensions or data length do
    /// not fit the model; or an output is unknown, duplicated or not a tensor.
    /// </exception>
    IReadOnlyList<InferenceTensor> Infer(IReadOnlyList<InferenceTensor> inputs, IReadOnlyList<string>? outputs = null);
}
