using Serverless.Core.Scoring;

namespace Serverless.Core.Monitoring;

/// <summary>
/// Turns one request's rows into the indices of the counts they increment (laid out by <see cref="VersionLayout"/>),
/// outside any lock, so the caller's critical section is a run of increments. Stateless.
/// </summary>
internal static class RowStatistics
{
    /// <summary>The most indices <paramref name="rows"/> rows can produce: per feature a bin and a range flag, a score and a class.</summary>
    public static int Capacity(VersionLayout layout, int rows) => rows * (2 * layout.Features.Length + 2);

    /// <summary>Writes every row's feature bins, range flags, score bin, class and invalid-output flag as count indices.</summary>
    /// <param name="features">Row-major encoded rows (<c>rows * layout.Features.Length</c>), or empty when unknown (tensors).</param>
    /// <param name="indices">At least <see cref="Capacity"/> long.</param>
    /// <returns>How many indices were written.</returns>
    public static int Indices(
        VersionLayout layout, ReadOnlySpan<float> features, int rows, TabularPredictions? predictions, Span<int> indices, out double scoreSum)
    {
        var n = 0;
        var width = layout.Features.Length;
        if (width > 0 && features.Length >= rows * width)
        {
            for (var r = 0; r < rows; r++)
            {
                var row = features.Slice(r * width, width);
                for (var f = 0; f < width; f++)
                {
                    n = Feature(layout.Features[f], row[f], indices, n);
                }
            }
        }

        scoreSum = 0;
        if (predictions is null)
        {
            return n;
        }

        var scored = predictions.Values is not null || predictions.Probabilities is not null;
        for (var r = 0; r < predictions.Rows; r++)
        {
            var score = ScoreOf(predictions, r, layout, out var classIndex);
            if (classIndex >= 0)
            {
                indices[n++] = layout.ClassOffset + classIndex;
            }

            if (!scored)
            {
                continue; // labels only: there is no score to judge
            }

            if (float.IsFinite(score))
            {
                indices[n++] = layout.ScoreOffset + FixedHistogram.BinOf(layout.ScoreEdges, score);
                scoreSum += score;
            }
            else
            {
                indices[n++] = layout.InvalidOffset;
            }
        }

        return n;
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
            var best = 0;
            var all = probabilities.AsSpan(row * width, width);
            for (var c = 1; c < width; c++)
            {
                if (all[c] > all[best])
                {
                    best = c;
                }
            }

            classIndex = best < layout.Classes.Count ? best : -1;
            return width == 2 ? all[1] : all[best];
        }

        if (predictions.Labels is { } labels && layout.ClassIndex.TryGetValue(labels[row], out var index))
        {
            classIndex = index;
        }

        return float.NaN;
    }

    private static int Feature(VersionLayout.FeatureLayout feature, float value, Span<int> indices, int n)
    {
        if (float.IsNaN(value))
        {
            indices[n++] = feature.Missing;
            return n;
        }

        if (feature.Categorical)
        {
            indices[n++] = feature.Offset + Math.Clamp((int)value, 0, feature.Bins - 1);
            return n;
        }

        indices[n++] = feature.Offset + FixedHistogram.BinOf(feature.Edges, value);
        if (value < feature.Min)
        {
            indices[n++] = feature.Below;
        }
        else if (value > feature.Max)
        {
            indices[n++] = feature.Above;
        }

        return n;
    }
}
