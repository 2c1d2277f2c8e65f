using Serverless.Core.Models;
using Serverless.Training.MlNet;

namespace Serverless.Training;

/// <summary>A trained binary classifier, ready to register (<see cref="ModelRegistration"/>).</summary>
/// <remarks>
/// The ONNX model takes <c>Schema.InputName</c> ("features"), float <c>[N, Schema.Features.Count]</c> encoded by
/// <see cref="FeatureEncoder"/>, and returns "label" (int64 <c>[N]</c>, 0 or 1) and "probabilities"
/// (float <c>[N, 2]</c>, columns in <see cref="ClassLabels"/> order). Its probabilities equal ML.NET's.
/// </remarks>
public sealed class TrainingResult
{
    /// <summary>The serialized ONNX model.</summary>
    public required byte[] Onnx { get; init; }

    /// <summary>How records become the model input; every feature is optional (missing = NaN).</summary>
    public required FeatureSchema Schema { get; init; }

    /// <summary>["0", "1"]: the class of each probability column and the values of the label output.</summary>
    public required IReadOnlyList<string> ClassLabels { get; init; }

    /// <summary>
    /// Holdout metrics: auc, accuracy, precision, recall, f1 (positive class, threshold 0.5), logLoss (nats),
    /// calibrationError (expected calibration error, 10 equal-width bins); plus trainRows and holdoutRows.
    /// </summary>
    public required IReadOnlyDictionary<string, double> Metrics { get; init; }

    /// <summary>One histogram per feature, in schema order, over the training rows (not the holdout).</summary>
    public required IReadOnlyList<FeatureHistogram> Statistics { get; init; }

    /// <summary>The positive-class probability over the holdout rows (name "score"), the reference for score drift.</summary>
    public required FeatureHistogram ScoreHistogram { get; init; }

    public required Lineage Lineage { get; init; }

    /// <summary>The ML.NET model the ONNX was exported from (for parity checks).</summary>
    internal TrainedClassifier? Classifier { get; init; }
}
