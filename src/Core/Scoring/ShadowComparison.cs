namespace Serverless.Core.Scoring;

/// <summary>How a shadow version's predictions compared with the served ones for one request.</summary>
/// <param name="Compared">Rows scored by both.</param>
/// <param name="Agreed">Rows with the same label (classification) or a value within 0.1 % (regression).</param>
/// <param name="ScoreDifference">Sum over rows of the absolute score difference (positive-class probability for two
/// classes, top probability for more, the value for regression), so means merge across requests and instances.</param>
public readonly record struct ShadowComparison(int Compared, int Agreed, double ScoreDifference)
{
    /// <summary>Compares row by row; nothing compared when the row counts or kinds of output differ.</summary>
    public static ShadowComparison Of(TabularPredictions served, TabularPredictions shadow)
    {
        if (served.Rows != shadow.Rows)
        {
            return default;
        }

        var agreed = 0;
        var difference = 0.0;
        for (var r = 0; r < served.Rows; r++)
        {
            if (served.Labels is { } a && shadow.Labels is { } b)
            {
                agreed += a[r] == b[r] ? 1 : 0;
            }
            else if (served.Values is { } x && shadow.Values is { } y)
            {
                agreed += Math.Abs(x[r] - y[r]) <= 1e-3f * Math.Max(1f, Math.Abs(x[r])) ? 1 : 0;
            }
            else
            {
                return default;
            }

            var d = Math.Abs(ScoreOf(served, r) - ScoreOf(shadow, r));
            difference += double.IsFinite(d) ? d : 0;
        }

        return new ShadowComparison(served.Rows, agreed, difference);
    }

    private static double ScoreOf(TabularPredictions p, int row)
    {
        if (p.Values is { } values)
        {
            return values[row];
        }

        var width = p.ClassLabels?.Count ?? 0;
        if (p.Probabilities is not { } probabilities || width == 0)
        {
            return 0;
        }

        var all = probabilities.AsSpan(row * width, width);
        if (width == 2)
        {
            return all[1];
        }

        var top = all[0];
        foreach (var v in all)
        {
            top = Math.Max(top, v);
        }

        return top;
    }
}
