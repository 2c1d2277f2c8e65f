using Microsoft.ML;
using Microsoft.ML.Calibrators;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers.FastTree;

namespace Serverless.Training.MlNet;

/// <summary>
/// The trained ML.NET pipeline and the parts the ONNX export needs: the tree ensemble and its Platt calibrator,
/// <c>p = 1 / (1 + exp(Slope * score + Offset))</c>.
/// </summary>
internal sealed class TrainedClassifier
{
    private readonly MLContext _ml;
    private readonly int _featureCount;

    public TrainedClassifier(MLContext ml, ITransformer model, RegressionTreeEnsemble ensemble, PlattCalibrator calibrator, int featureCount)
    {
        _ml = ml;
        Model = model;
        Ensemble = ensemble;
        Calibrator = calibrator;
        _featureCount = featureCount;
    }

    public ITransformer Model { get; }

    public RegressionTreeEnsemble Ensemble { get; }

    public PlattCalibrator Calibrator { get; }

    /// <summary>Scores encoded rows with ML.NET (the reference the ONNX export must reproduce).</summary>
    public Predictions Predict(IReadOnlyList<float[]> rows)
    {
        var data = _ml.Data.LoadFromEnumerable(rows.Select(r => new FeatureRow { Features = r }), RowSchema.For(_featureCount));
        var scored = Model.Transform(data);
        return new Predictions(
            [.. scored.GetColumn<float>(nameof(PredictionRow.Score))],
            [.. scored.GetColumn<float>(nameof(PredictionRow.Probability))],
            [.. scored.GetColumn<bool>(nameof(PredictionRow.PredictedLabel))]);
    }
}
