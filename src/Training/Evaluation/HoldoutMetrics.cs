using Serverless.Training.MlNet;
using Serverless.Training.Spec;

namespace Serverless.Training.Evaluation;

/// <summary>A model's metrics on holdout rows from its outputs, by task: the one evaluation, for candidates and re-scored champions alike.</summary>
internal static class HoldoutMetrics
{
    /// <param name="task">The task the labels were encoded for.</param>
    /// <param name="outputs">Predicted class index and probabilities in <paramref name="classLabels"/> order, or values.</param>
    /// <param name="labels">Binary 0/1, multiclass class index, regression value (as <see cref="Data.LabelEncoding"/> encodes them).</param>
    /// <param name="classLabels">The class of each probability column; empty for regression.</param>
    public static Dictionary<string, double> Compute(TrainingTask task, ModelOutputs outputs, float[] labels, IReadOnlyList<string> classLabels)
    {
        switch (task)
        {
            case TrainingTask.Binary:
                var positive = new float[labels.Length];
                for (var i = 0; i < positive.Length; i++)
                {
                    positive[i] = outputs.Probabilities![2 * i + 1];
                }

                return BinaryMetrics.Compute([.. labels.Select(l => l > 0)], outputs.Scores!, positive, [.. outputs.Labels!.Select(l => l == 1)]);
            case TrainingTask.Multiclass:
                return MulticlassMetrics.Compute([.. labels.Select(l => (int)l)], outputs.Labels!, outputs.Probabilities!, classLabels);
            default:
                return RegressionMetrics.Compute(labels, outputs.Scores!);
        }
    }
}
