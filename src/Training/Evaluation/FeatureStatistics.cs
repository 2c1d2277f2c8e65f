using Serverless.Core.Models;
using Serverless.Core.Monitoring;

namespace Serverless.Training.Evaluation;

/// <summary>Per-feature histograms of the training rows: the reference distribution for drift detection.</summary>
/// <remarks>
/// Numeric: bin edges are the distinct 10%..90% quantiles (nearest rank) of the non-missing values; bin 0 holds
/// values below the first edge, bin i values in [edge[i-1], edge[i]), the last bin values at or above the last edge.
/// Numeric histograms also keep the smallest and largest value (the training range).
/// Categorical: one count per category in schema order. For every feature, counts plus missing equal the row count.
/// </remarks>
internal static class FeatureStatistics
{
    private const int QuantileBins = 10;

    public static IReadOnlyList<FeatureHistogram> Compute(FeatureSchema schema, IReadOnlyList<float[]> rows)
    {
        var histograms = new List<FeatureHistogram>(schema.Features.Count);
        for (var f = 0; f < schema.Features.Count; f++)
        {
            var feature = schema.Features[f];
            var values = new List<float>(rows.Count);
            foreach (var row in rows)
            {
                if (!float.IsNaN(row[f]))
                {
                    values.Add(row[f]);
                }
            }

            var missing = rows.Count - values.Count;
            histograms.Add(feature.Kind == FeatureKind.Categorical
                ? Categorical(feature, values, missing)
                : Numeric(feature.Name, values, missing));
        }

        return histograms;
    }

    /// <summary>The histogram (named "score") of a model's scores on held-out rows, binned like a numeric feature.</summary>
    public static FeatureHistogram Score(IReadOnlyList<float> scores)
    {
        var values = scores.Where(s => !float.IsNaN(s)).ToList();
        return Numeric("score", values, scores.Count - values.Count);
    }

    /// <summary>The bin of <paramref name="value"/> under <paramref name="edges"/>: the number of edges at or below it.</summary>
    /// <remarks>The live windows' own rule (<see cref="FixedHistogram.BinOf(IReadOnlyList{double}, double)"/>), so drift compares like bins.</remarks>
    public static int BinOf(IReadOnlyList<double> edges, double value) => FixedHistogram.BinOf(edges, value);

    private static FeatureHistogram Numeric(string name, List<float> values, int missing)
    {
        values.Sort();
        var edges = new List<double>();
        if (values.Count > 0)
        {
            for (var k = 1; k < QuantileBins; k++)
            {
                var rank = (int)Math.Ceiling(k * values.Count / (double)QuantileBins);
                double edge = values[Math.Max(rank - 1, 0)];
                if (edges.Count == 0 || edge > edges[^1])
                {
                    edges.Add(edge);
                }
            }
        }

        var counts = new long[edges.Count + 1];
        foreach (var value in values)
        {
            counts[BinOf(edges, value)]++;
        }

        return values.Count == 0
            ? new FeatureHistogram(name, edges, counts, missing)
            : new FeatureHistogram(name, edges, counts, missing, values[0], values[^1]);
    }

    private static FeatureHistogram Categorical(FeatureDefinition feature, List<float> values, int missing)
    {
        var counts = new long[feature.Categories!.Count];
        foreach (var value in values)
        {
            counts[(int)value]++;
        }

        return new FeatureHistogram(feature.Name, [], counts, missing);
    }
}
