using Serverless.Core.Models;

namespace Serverless.Core.Validation;

/// <summary>
/// Encoded rows for probing a candidate, drawn deterministically from its training histograms: each numeric column
/// walks its populated bins (a bin's middle; the outer bins just past the edges, or the recorded min/max), each
/// categorical or boolean column its populated values. A column without statistics is 0.
/// </summary>
public static class SampleRows
{
    public static float[] Build(FeatureSchema schema, IReadOnlyList<FeatureHistogram>? statistics, int rows)
    {
        var width = schema.Features.Count;
        var values = new float[rows * width];
        for (var column = 0; column < width; column++)
        {
            var feature = schema.Features[column];
            var histogram = statistics?.FirstOrDefault(h => h.Name == feature.Name);
            var choices = histogram is null ? [0f] : Choices(feature, histogram);
            for (var row = 0; row < rows; row++)
            {
                // Every populated value of every column appears once rows >= its choices; offset per column.
                values[(row * width) + column] = choices[(row + column) % choices.Length];
            }
        }

        return values;
    }

    private static float[] Choices(FeatureDefinition feature, FeatureHistogram histogram)
    {
        if (feature.Kind != FeatureKind.Numeric)
        {
            float[] populated = [.. histogram.Counts.Select((count, index) => (count, index)).Where(c => c.count > 0).Select(c => (float)c.index)];
            return populated.Length > 0 ? populated : [0f];
        }

        var edges = histogram.BinEdges;
        var choices = new List<float>();
        for (var bin = 0; bin < histogram.Counts.Count; bin++)
        {
            if (histogram.Counts[bin] == 0 || edges.Count == 0)
            {
                continue;
            }

            var value = bin == 0 ? histogram.Min ?? edges[0] - 1
                : bin == edges.Count ? histogram.Max ?? edges[^1] + 1
                : (edges[bin - 1] + edges[bin]) / 2;
            choices.Add((float)value);
        }

        return choices.Count > 0 ? [.. choices] : [0f];
    }
}
