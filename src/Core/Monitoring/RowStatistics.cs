using Serverless.Core.Scoring;

namespace Serverless.Core.Monitoring;

/// <summary>Counts one request's rows into a flat array laid out by <see cref="VersionLayout"/>. Stateless.</summary>
internal static class RowStatistics
{
    /// <summary>Adds every row's feature bins and its prediction's score bin, class and validity to <paramref name="counts"/>.</summary>
    /// <param name="features">Row-major encoded rows (<c>rows * layout.Features.Length</c>), or empty when unknown (tensors).</param>
    /// <returns>The sum of the finite scores (for means).</returns>
    public static double Count(VersionLayout layout, ReadOnlySpan<float> features, int rows, TabularPredictions? predictions, Span<long> counts)
    {
        var width = layout.Features.Length;
        if (width > 0 && features.Length >= rows * width)
        {
            for (var r = 0; r < rows; r++)
            {
                var row = features.Slice(r * width, width);
                for (var f = 0; f < width; f++)
                {
                    CountFeature(layout.Features[f], row[f], counts);
                }
            }
        }

        if (predictions is null)
        {
            return 0;
        }

        double sum = 0;
        for (var r = 0; r < predictions.Rows; r++)
        {
            var score = ScoreOf(predictions, r, layout, out var classIndex);
            if (classIndex >= 0)
            {
                counts[layout.ClassOffset + classIndex]++;
            }

            if (predictions.Values is null && predictions.Probabilities is null)
            {
                continue; // labels only: there is no score to judge
            }

            if (!float.IsFinite(score))
            {
                counts[layout.InvalidOffset]++;
                continue;
            }

            counts[layout.ScoreOffset + FixedHistogram.BinOf(layout.ScoreEdges, score)]++;
            sum += score;
        }

        return sum;
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

    private static void CountFeature(VersionLayout.FeatureLayout feature, float value, Span<long> counts)
    {
        if (float.IsNaN(value))
        {
            counts[feature.Missing]++;
            return;
        }

        if (feature.Categorical)
        {
            counts[feature.Offset + Math.Clamp((int)value, 0, feature.Bins - 1)]++;
            return;
        }

        counts[feature.Offset + FixedHistogram.BinOf(feature.Edges, value)]++;
        if (value < feature.Min)
        {
            counts[feature.Below]++;
        }
        else if (value > feature.Max)
        {
            counts[feature.Above]++;
        }
    }
}
