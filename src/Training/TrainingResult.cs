using Serverless.Core.Models;
using Serverless.Training.MlNet;

namespace Serverless.Training;

/// <summary>A trained, exported and evaluated model, ready to register (<see cref="ToRegistration"/>).</summary>
/// <remarks>
/// The ONNX model takes <c>Schema.InputName</c> ("features"), float <c>[N, Schema.Features.Count]</c> encoded by
/// <see cref="FeatureEncoder"/>. Classifiers return "label" <c>[N]</c> and "probabilities" float <c>[N, classes]</c>
/// (columns in <see cref="ClassLabels"/> order); regressors return "value" float <c>[N, 1]</c>. Its predictions
/// equal ML.NET's (parity tests: within 1e-5, labels equal).
/// </remarks>
public sealed class TrainingResult
{
    /// <summary>The serialized ONNX model.</summary>
    public required byte[] Onnx { get; init; }

    /// <summary>Classification (binary, multiclass) or regression.</summary>
    public required ModelTask Task { get; init; }

    /// <summary>How records become the model input; every feature is optional (missing = NaN).</summary>
    public required FeatureSchema Schema { get; init; }

    /// <summary>Classification: the class of each probability column (binary: negative, positive); null for regression.</summary>
    public IReadOnlyList<string>? ClassLabels { get; init; }

    /// <summary>
    /// Holdout metrics by task (docs/training.md): binary auc, accuracy, precision, recall, f1, logLoss, calibrationError;
    /// multiclass accuracy, macroF1, logLoss, confusion[actual][predicted]; regression rmse, mae, r2. Always rows,
    /// trainRows, holdoutRows and skippedRows (rows without a label).
    /// </summary>
    public required IReadOnlyDictionary<string, double> Metrics { get; init; }

    /// <summary>One histogram per feature, in schema order, over the training rows (not the holdout).</summary>
    public required IReadOnlyList<FeatureHistogram> Statistics { get; init; }

    /// <summary>
    /// The model's score over the holdout rows (name "score"), the reference for score drift: binary the positive-class
    /// probability, multiclass the top probability, regression the predicted value.
    /// </summary>
    public required FeatureHistogram ScoreHistogram { get; init; }

    /// <summary>The data's URI and SHA-256, the trainer, the spec (as JSON, under <c>spec</c>) and the code version.</summary>
    public required Lineage Lineage { get; init; }

    /// <summary>The ML.NET model the ONNX was exported from (for parity checks).</summary>
    internal TrainedModel? Model { get; init; }

    /// <summary>What to hand the registry for this result.</summary>
    public ModelRegistration ToRegistration(string name, string createdBy) => new()
    {
        Name = name,
        Onnx = Onnx,
        Task = Task,
        Features = Schema,
        ClassLabels = ClassLabels,
        Metrics = Metrics,
        Lineage = Lineage,
        Statistics = Statistics,
        ScoreHistogram = ScoreHistogram,
        CreatedBy = createdBy,
    };
}
