using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers.FastTree;
using Serverless.Training.Spec;

namespace Serverless.Training.MlNet;

/// <summary>
/// A trained ML.NET model and the parts the ONNX export needs: one tree ensemble per output (binary and regression
/// one, multiclass one per class) and, for binary, the Platt calibrator <c>p = 1 / (1 + exp(slope * score + offset))</c>.
/// </summary>
internal sealed class TrainedModel(
    MLContext ml, ITransformer model, TrainingTask task, IReadOnlyList<RegressionTreeEnsemble> ensembles, (double Slope, double Offset)? platt, int featureCount, int classes)
{
    public ITransformer Model { get; } = model;

    public TrainingTask Task { get; } = task;

    /// <summary>Binary and regression: one; multiclass: one per class, in class order (ML.NET applies softmax over their scores).</summary>
    public IReadOnlyList<RegressionTreeEnsemble> Ensembles { get; } = ensembles;

    /// <summary>Binary only.</summary>
    public (double Slope, double Offset)? Platt { get; } = platt;

    public int FeatureCount { get; } = featureCount;

    /// <summary>Classes (binary 2); 0 for regression.</summary>
    public int Classes { get; } = classes;

    /// <summary>Scores encoded rows with ML.NET: the reference the ONNX export must reproduce.</summary>
    public ModelOutputs Predict(IReadOnlyList<float[]> rows)
    {
        var scored = Model.Transform(TrainingRows.Features(ml, rows, FeatureCount));
        switch (Task)
        {
            case TrainingTask.Binary:
                var p = scored.GetColumn<float>("Probability").ToArray();
                var probabilities = new float[p.Length * 2];
                for (var i = 0; i < p.Length; i++)
                {
                    probabilities[2 * i] = 1 - p[i];
                    probabilities[2 * i + 1] = p[i];
                }

                return new ModelOutputs(
                    [.. scored.GetColumn<bool>("PredictedLabel").Select(l => l ? 1 : 0)], probabilities, [.. scored.GetColumn<float>("Score")], 2);
            case TrainingTask.Multiclass:
                var scores = scored.GetColumn<VBuffer<float>>("Score").SelectMany(v => v.DenseValues()).ToArray();
                // Read back, a key column holds its raw 1-based values.
                return new ModelOutputs([.. scored.GetColumn<uint>("PredictedLabel").Select(k => (int)k - 1)], scores, null, Classes);
            default:
                return new ModelOutputs(null, null, [.. scored.GetColumn<float>("Score")], 0);
        }
    }
}
