using Serverless.Core.Models;

namespace Serverless.Core.Scoring.Automation;

/// <summary>Which records of a scored request need a reviewer under a model's automation level, and how confident each is.</summary>
/// <remarks>Pure functions of the predictions; thread-safe.</remarks>
public static class ReviewDecisions
{
    /// <summary>
    /// The top class probability of a row, or null when the predictions carry none (regression, or a classifier without
    /// probabilities): the confidence that <see cref="AutomationLevel.Partial"/> compares with its threshold.
    /// </summary>
    public static float? Confidence(TabularPredictions predictions, int row)
    {
        var width = predictions.ClassLabels?.Count ?? 0;
        if (predictions.Probabilities is not { } probabilities || width == 0)
        {
            return null;
        }

        var max = float.NaN;
        foreach (var p in probabilities.AsSpan(row * width, width))
        {
            max = float.IsNaN(max) || p > max ? p : max;
        }

        return max;
    }

    /// <summary>
    /// Per row, whether it needs review: every row at <see cref="AutomationLevel.Human"/>; at
    /// <see cref="AutomationLevel.Partial"/> the rows whose confidence is below the threshold or unknown (a NaN or a
    /// regression value is never confident). Null when no row needs review.
    /// </summary>
    public static bool[]? NeedsReview(ModelAutomation automation, TabularPredictions predictions)
    {
        if (automation.Level == AutomationLevel.Human)
        {
            return predictions.Rows == 0 ? null : Enumerable.Repeat(true, predictions.Rows).ToArray();
        }

        if (automation.Level != AutomationLevel.Partial)
        {
            return null;
        }

        var threshold = automation.ReviewThreshold ?? 1;
        bool[]? review = null;
        for (var r = 0; r < predictions.Rows; r++)
        {
            if (Confidence(predictions, r) is not float confidence || !(confidence >= threshold))
            {
                (review ??= new bool[predictions.Rows])[r] = true;
            }
        }

        return review;
    }
}
