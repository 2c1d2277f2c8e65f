using Serverless.Core.Scoring;

namespace Serverless.Core.Monitoring;

/// <summary>
/// Turns one request's rows into the counts they increment (laid out by <see cref="VersionLayout"/>), outside any lock, so
/// the caller's critical section is a run of additions. Reads the encoded rows the scorer already built (no record is
/// parsed again) and the layout's edge arrays (no lookup by name, no allocation, no string work per value). Stateless.
/// </summary>
internal static class RowStatistics
{
    /// <summary>The most indices <paramref name="rows"/> rows can produce: per feature a bin and a range flag, a score and a class.</summary>
    public static int Capacity(VersionLayout layout, int rows) => rows * (2 * layout.Features.Length + 2);

    /// <summary>Counts every row's feature bins, range flags, score bin, class and invalid-output flag into <paramref name="sink"/>.</summary>
    /// <param name="features">Row-major encoded rows (<c>rows * layout.Features.Length</c>), or empty when unknown (tensors).</param>
    /// <returns>The sum of the finite scores (the score histogram's sum).</returns>
    public static double Count<TSink>(VersionLayout layout, ReadOnlySpan<float> features, int rows, TabularPredictions? predictions, ref TSink sink)
        where TSink : ICountSink, allows ref struct
    {
        var columns = layout.Features;
        var width = columns.Length;
        if (width > 0 && features.Length >= rows * width)
        {
            for (var r = 0; r < rows; r++)
            {
                var row = features.Slice(r * width, width);
                for (var f = 0; f < columns.Length; f++)
                {
                    Feature(columns[f], row[f], ref sink);
                }
            }
        }

        return predictions is null ? 0 : Scores(layout, predictions, ref sink);
    }

    /// <summary>
    /// The row's score: the regression value; for two classes the probability of the second (positive) class; for
    /// more, the top probability. <paramref name="classIndex"/> is the predicted class column, or -1.
    /// </summary>
    public static float ScoreOf(TabularPredictions predictions, int row, VersionLayout layout, out int classIndex)
    {
        classIndex = -1;
        if (predictions.Values is { } values)
        {
            return values[row];
        }

        var width = predictions.ClassLabels?.Count ?? 0;
        if (predictions.Probabilities is { } probabilities && width > 0)
        {
            var best = ArgMax(probabilities.AsSpan(row * width, width));
            classIndex = best < layout.Classes.Count ? best : -1;
            return width == 2 ? probabilities[row * width + 1] : probabilities[row * width + best];
        }

        if (predictions.Labels is { } labels && layout.ClassIndex.TryGetValue(labels[row], out var index))
        {
            classIndex = index;
        }

        return float.NaN;
    }

    private static double Scores<TSink>(VersionLayout layout, TabularPredictions predictions, ref TSink sink)
        where TSink : ICountSink, allows ref struct
    {
        double sum = 0;
        var width = predictions.ClassLabels?.Count ?? 0;
        if (predictions.Values is { } values)
        {
            for (var r = 0; r < predictions.Rows; r++)
            {
                sum += Score(layout, values[r], ref sink);
            }
        }
        else if (predictions.Probabilities is { } probabilities && width > 0)
        {
            // The common classification case, with the per-row lookups of ScoreOf hoisted out of the loop.
            var classes = layout.Classes.Count;
            for (var r = 0; r < predictions.Rows; r++)
            {
                var all = probabilities.AsSpan(r * width, width);
                var best = ArgMax(all);
                if (best < classes)
                {
                    sink.Add(layout.ClassOffset + best);
                }

                sum += Score(layout, width == 2 ? all[1] : all[best], ref sink);
            }
        }
        else
        {
            // Labels only: a class when the label is known, and no score to judge unless probabilities came without labels.
            var scored = predictions.Probabilities is not null;
            for (var r = 0; r < predictions.Rows; r++)
            {
                var score = ScoreOf(predictions, r, layout, out var classIndex);
                if (classIndex >= 0)
                {
                    sink.Add(layout.ClassOffset + classIndex);
                }

                if (scored)
                {
                    sum += Score(layout, score, ref sink);
                }
            }
        }

        return sum;
    }

    /// <returns>The score when it was binned (finite), else 0 (counted as an invalid output).</returns>
    private static double Score<TSink>(VersionLayout layout, float score, ref TSink sink)
        where TSink : ICountSink, allows ref struct
    {
        if (float.IsFinite(score))
        {
            sink.Add(layout.ScoreOffset + FixedHistogram.BinOf(layout.ScoreEdges, score));
            return score;
        }

        sink.Add(layout.InvalidOffset);
        return 0;
    }

    private static void Feature<TSink>(VersionLayout.FeatureLayout feature, float value, ref TSink sink)
        where TSink : ICountSink, allows ref struct
    {
        if (float.IsNaN(value))
        {
            sink.Add(feature.Missing);
            return;
        }

        if (feature.Categorical)
        {
            sink.Add(feature.Offset + Math.Clamp((int)value, 0, feature.Bins - 1));
            return;
        }

        sink.Add(feature.Offset + FixedHistogram.BinOf(feature.Edges, value));
        if (value < feature.Min)
        {
            sink.Add(feature.Below);
        }
        else if (value > feature.Max)
        {
            sink.Add(feature.Above);
        }
    }

    private static int ArgMax(ReadOnlySpan<float> values)
    {
        var best = 0;
        for (var c = 1; c < values.Length; c++)
        {
            if (values[c] > values[best])
            {
                best = c;
            }
        }

        return best;
    }
}
