using System.Globalization;

namespace Serverless.Training.Evaluation;

/// <summary>Holdout metrics of a multiclass classifier.</summary>
internal static class MulticlassMetrics
{
    public const string Accuracy = "accuracy";
    public const string MacroF1 = "macroF1";
    public const string LogLoss = "logLoss";

    private const double Epsilon = 1e-15;

    /// <summary>
    /// Accuracy; macro-F1 (the mean over classes of each class's F1, 0 for a class never predicted nor present);
    /// log loss in nats; and the confusion matrix as <c>confusion[actual][predicted]</c> counts (by class label).
    /// </summary>
    public static Dictionary<string, double> Compute(int[] actual, int[] predicted, float[] probabilities, IReadOnlyList<string> classLabels)
    {
        var classes = classLabels.Count;
        var confusion = new long[classes, classes];
        double logLoss = 0;
        for (var i = 0; i < actual.Length; i++)
        {
            confusion[actual[i], predicted[i]]++;
            logLoss -= Math.Log(Math.Clamp((double)probabilities[i * classes + actual[i]], Epsilon, 1));
        }

        double f1Sum = 0, correct = 0;
        for (var c = 0; c < classes; c++)
        {
            long truePositive = confusion[c, c], predictedC = 0, actualC = 0;
            for (var k = 0; k < classes; k++)
            {
                predictedC += confusion[k, c];
                actualC += confusion[c, k];
            }

            correct += truePositive;
            f1Sum += predictedC + actualC == 0 ? 0 : 2.0 * truePositive / (predictedC + actualC);
        }

        var metrics = new Dictionary<string, double>
        {
            [Accuracy] = correct / actual.Length,
            [MacroF1] = f1Sum / classes,
            [LogLoss] = logLoss / actual.Length,
        };
        for (var a = 0; a < classes; a++)
        {
            for (var p = 0; p < classes; p++)
            {
                metrics[ConfusionKey(classLabels[a], classLabels[p])] = confusion[a, p];
            }
        }

        return metrics;
    }

    public static string ConfusionKey(string actual, string predicted) =>
        string.Create(CultureInfo.InvariantCulture, $"confusion[{actual}][{predicted}]");
}
