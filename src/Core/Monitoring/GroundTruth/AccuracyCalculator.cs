using System.Globalization;
using Serverless.Core.Models;

namespace Serverless.Core.Monitoring.GroundTruth;

/// <summary>Accuracy, precision, recall and AUC (classification) or RMSE and MAE (regression) of labelled predictions.</summary>
public static class AccuracyCalculator
{
    /// <param name="classes">The version's class labels; for two, the second is the positive class (as in the score).</param>
    public static AccuracyMetrics Compute(IReadOnlyCollection<LabelledPrediction> samples, ModelTask task, IReadOnlyList<string>? classes)
    {
        if (samples.Count == 0)
        {
            return new AccuracyMetrics(0);
        }

        return task == ModelTask.Regression ? Regression(samples) : Classification(samples, classes);
    }

    private static AccuracyMetrics Regression(IReadOnlyCollection<LabelledPrediction> samples)
    {
        double squared = 0, absolute = 0;
        var n = 0;
        foreach (var s in samples)
        {
            if (s.Score is not { } predicted || !double.TryParse(s.Truth, NumberStyles.Float, CultureInfo.InvariantCulture, out var truth))
            {
                continue;
            }

            var error = predicted - truth;
            squared += error * error;
            absolute += Math.Abs(error);
            n++;
        }

        return n == 0 ? new AccuracyMetrics(0) : new AccuracyMetrics(n, Rmse: Math.Sqrt(squared / n), Mae: absolute / n);
    }

    private static AccuracyMetrics Classification(IReadOnlyCollection<LabelledPrediction> samples, IReadOnlyList<string>? classes)
    {
        var correct = samples.Count(s => s.Predicted == s.Truth);
        var accuracy = (double)correct / samples.Count;
        if (classes is { Count: 2 })
        {
            var positive = classes[1];
            int tp = 0, fp = 0, fn = 0;
            foreach (var s in samples)
            {
                bool predicted = s.Predicted == positive, actual = s.Truth == positive;
                tp += predicted && actual ? 1 : 0;
                fp += predicted && !actual ? 1 : 0;
                fn += !predicted && actual ? 1 : 0;
            }

            return new AccuracyMetrics(samples.Count, accuracy, Ratio(tp, tp + fp), Ratio(tp, tp + fn), Auc(samples, positive), PositiveClass: positive);
        }

        // More classes: macro averages over the classes that occur (as predicted for precision, as truth for recall).
        var precision = samples.GroupBy(s => s.Predicted).Select(g => (double)g.Count(s => s.Truth == g.Key) / g.Count()).DefaultIfEmpty().Average();
        var recall = samples.GroupBy(s => s.Truth).Select(g => (double)g.Count(s => s.Predicted == g.Key) / g.Count()).DefaultIfEmpty().Average();
        return new AccuracyMetrics(samples.Count, accuracy, precision, recall);
    }

    /// <summary>
    /// ROC AUC as the Mann-Whitney statistic: the probability that a random positive scores above a random negative,
    /// ties counting one half (average ranks). Null without a score or without both classes.
    /// </summary>
    public static double? Auc(IEnumerable<LabelledPrediction> samples, string positive)
    {
        var scored = samples.Where(s => s.Score is { } v && double.IsFinite(v)).Select(s => (Score: s.Score!.Value, Positive: s.Truth == positive))
            .OrderBy(s => s.Score).ToList();
        long positives = scored.Count(s => s.Positive), negatives = scored.Count - positives;
        if (positives == 0 || negatives == 0)
        {
            return null;
        }

        double rankSum = 0;
        for (var i = 0; i < scored.Count;)
        {
            var j = i;
            while (j < scored.Count && scored[j].Score == scored[i].Score)
            {
                j++;
            }

            var averageRank = (i + 1 + j) / 2.0; // ranks i+1 .. j share their mean
            rankSum += averageRank * scored.Skip(i).Take(j - i).Count(s => s.Positive);
            i = j;
        }

        return (rankSum - positives * (positives + 1) / 2.0) / (positives * (double)negatives);
    }

    private static double? Ratio(int numerator, int denominator) => denominator == 0 ? null : (double)numerator / denominator;
}
