namespace Serverless.Training.Evaluation;

/// <summary>Holdout metrics of a binary classifier, under the names the registry and validation gates read.</summary>
internal static class BinaryMetrics
{
    public const string Auc = "auc";
    public const string Accuracy = "accuracy";
    public const string Precision = "precision";
    public const string Recall = "recall";
    public const string F1 = "f1";
    public const string LogLoss = "logLoss";
    public const string CalibrationError = "calibrationError";

    /// <summary>Probabilities are clamped to [eps, 1 - eps] so one confident mistake gives a large, finite log loss.</summary>
    private const double Epsilon = 1e-15;

    /// <summary>
    /// AUC from <paramref name="scores"/> (ties count one half); accuracy, precision, recall and F1 of the positive
    /// class from <paramref name="predicted"/> (precision and F1 are 0 when nothing is predicted positive);
    /// log loss in nats; expected calibration error over 10 equal-width probability bins.
    /// </summary>
    public static Dictionary<string, double> Compute(bool[] labels, float[] scores, float[] probabilities, bool[] predicted)
    {
        ArgumentOutOfRangeException.ThrowIfNotEqual(probabilities.Length, labels.Length);
        var positives = labels.Count(l => l);
        if (positives == 0 || positives == labels.Length)
        {
            throw new TrainingDataException(
                $"The holdout rows ({labels.Length}) contain only one class, so AUC is undefined; use more data or a larger holdout fraction.");
        }

        long tp = 0, fp = 0, fn = 0, tn = 0;
        double logLoss = 0;
        for (var i = 0; i < labels.Length; i++)
        {
            tp += predicted[i] && labels[i] ? 1 : 0;
            fp += predicted[i] && !labels[i] ? 1 : 0;
            fn += !predicted[i] && labels[i] ? 1 : 0;
            tn += !predicted[i] && !labels[i] ? 1 : 0;

            var p = Math.Clamp((double)probabilities[i], Epsilon, 1 - Epsilon);
            logLoss -= labels[i] ? Math.Log(p) : Math.Log(1 - p);
        }

        double precision = tp + fp == 0 ? 0 : (double)tp / (tp + fp);
        double recall = (double)tp / (tp + fn);
        return new Dictionary<string, double>
        {
            [Auc] = AreaUnderRoc(labels, scores, positives),
            [Accuracy] = (double)(tp + tn) / labels.Length,
            [Precision] = precision,
            [Recall] = recall,
            [F1] = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall),
            [LogLoss] = logLoss / labels.Length,
            [CalibrationError] = ExpectedCalibrationError(labels, probabilities, bins: 10),
        };
    }

    /// <summary>Mann-Whitney U over average ranks: the probability a random positive outscores a random negative.</summary>
    public static double AreaUnderRoc(bool[] labels, float[] scores, int positives)
    {
        var order = Enumerable.Range(0, labels.Length).OrderBy(i => scores[i]).ToArray();
        double positiveRankSum = 0;
        for (var start = 0; start < order.Length;)
        {
            var end = start;
            while (end + 1 < order.Length && scores[order[end + 1]] == scores[order[start]])
            {
                end++;
            }

            var averageRank = (start + end) / 2.0 + 1;
            for (var k = start; k <= end; k++)
            {
                positiveRankSum += labels[order[k]] ? averageRank : 0;
            }

            start = end + 1;
        }

        double negatives = labels.Length - positives;
        return (positiveRankSum - positives * (positives + 1) / 2.0) / (positives * negatives);
    }

    /// <summary>Sum over bins of (share of rows in the bin) x |mean probability - positive rate|.</summary>
    public static double ExpectedCalibrationError(bool[] labels, float[] probabilities, int bins)
    {
        var count = new long[bins];
        var probabilitySum = new double[bins];
        var positiveSum = new double[bins];
        for (var i = 0; i < labels.Length; i++)
        {
            var bin = Math.Clamp((int)(probabilities[i] * bins), 0, bins - 1);
            count[bin]++;
            probabilitySum[bin] += probabilities[i];
            positiveSum[bin] += labels[i] ? 1 : 0;
        }

        double error = 0;
        for (var b = 0; b < bins; b++)
        {
            if (count[b] > 0)
            {
                error += Math.Abs(probabilitySum[b] - positiveSum[b]) / labels.Length;
            }
        }

        return error;
    }
}
