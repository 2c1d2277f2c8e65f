using System.Buffers;
using System.Runtime.CompilerServices;
using Serverless.Core.Models;

namespace Serverless.Core.Scoring.Automation;

/// <summary>
/// Explanations for <see cref="AutomationLevel.Assist"/>: baseline substitution ("occlusion"). For every record and
/// feature, the record is scored again with that feature set to its training baseline (the median of its training
/// histogram, or its most common category); the difference to the real score is the feature's contribution. The
/// <see cref="Top"/> largest by magnitude are returned.
/// </summary>
/// <remarks>
/// Model-agnostic and exact for what it states (no sampling): one extra ONNX Runtime call per request, on
/// <c>records x features</c> rows, at most <see cref="MaxRows"/> (later records then get no explanation). Features
/// without training statistics are not explained. Baselines are computed once per loaded manifest. Thread-safe.
/// </remarks>
public static class FeatureAttribution
{
    /// <summary>Contributions returned per record.</summary>
    public const int Top = 5;

    /// <summary>Most substituted rows scored for one request.</summary>
    public const int MaxRows = 20_000;

    private static readonly ConditionalWeakTable<ModelManifest, float[]> Baselines = new();

    /// <summary>The top contributions of each record (an empty array for a record left unexplained).</summary>
    public static FeatureContribution[][] Explain(IScoringModel model, ReadOnlySpan<float> rows, int count, TabularPredictions predictions)
    {
        var encoder = model.Encoder ?? throw new InvalidOperationException($"Model '{model.Manifest.Name}' has no feature schema.");
        var width = encoder.Width;
        var baselines = Baselines.GetValue(model.Manifest, m => Compute(m, encoder));
        var columns = Enumerable.Range(0, width).Where(c => !float.IsNaN(baselines[c])).ToArray();
        var result = new FeatureContribution[count][];
        Array.Fill(result, []);
        var explained = columns.Length == 0 ? 0 : Math.Min(count, MaxRows / columns.Length);
        if (explained == 0 || !HasScore(predictions))
        {
            return result;
        }

        var substitutedRows = explained * columns.Length;
        var buffer = ArrayPool<float>.Shared.Rent(substitutedRows * width);
        try
        {
            for (var r = 0; r < explained; r++)
            {
                var row = rows.Slice(r * width, width);
                for (var j = 0; j < columns.Length; j++)
                {
                    var target = buffer.AsSpan((r * columns.Length + j) * width, width);
                    row.CopyTo(target);
                    target[columns[j]] = baselines[columns[j]];
                }
            }

            var substituted = model.ScoreEncoded(buffer.AsMemory(0, substitutedRows * width), substitutedRows);
            for (var r = 0; r < explained; r++)
            {
                var scoreColumn = ScoreColumn(predictions, r);
                var score = Score(predictions, r, scoreColumn);
                var contributions = new List<FeatureContribution>(columns.Length);
                for (var j = 0; j < columns.Length; j++)
                {
                    var c = columns[j];
                    var value = rows[r * width + c];
                    if (value.Equals(baselines[c]))
                    {
                        continue; // At its baseline a feature explains nothing.
                    }

                    var delta = score - Score(substituted, r * columns.Length + j, scoreColumn);
                    if (double.IsFinite(delta))
                    {
                        contributions.Add(new FeatureContribution(
                            encoder.Schema.Features[c].Name, encoder.Decode(c, value), encoder.Decode(c, baselines[c]), Math.Round(delta, 6)));
                    }
                }

                result[r] = [.. contributions.OrderByDescending(x => Math.Abs(x.Contribution)).ThenBy(x => x.Feature, StringComparer.Ordinal).Take(Top)];
            }
        }
        finally
        {
            ArrayPool<float>.Shared.Return(buffer);
        }

        return result;
    }

    /// <summary>Per column: the training median or most common category; NaN when the manifest has no statistics for it.</summary>
    internal static float[] Compute(ModelManifest manifest, FeatureEncoder encoder)
    {
        var baselines = new float[encoder.Width];
        for (var c = 0; c < encoder.Width; c++)
        {
            var feature = encoder.Schema.Features[c];
            var histogram = manifest.Statistics?.FirstOrDefault(s => s.Name == feature.Name);
            baselines[c] = histogram switch
            {
                null => float.NaN,
                _ when feature.Kind == FeatureKind.Categorical => histogram.Counts.Count == 0 ? float.NaN : IndexOfMax(histogram.Counts),
                { BinEdges.Count: > 0 } => (float)histogram.BinEdges[histogram.BinEdges.Count / 2],
                _ => float.NaN,
            };
        }

        return baselines;
    }

    private static bool HasScore(TabularPredictions p) => p.Values is not null || (p.Probabilities is not null && p.ClassLabels is { Count: > 0 });

    /// <summary>Which probability column is "the score": the positive (second) of two classes, else the row's predicted class.</summary>
    private static int ScoreColumn(TabularPredictions p, int row)
    {
        var width = p.ClassLabels?.Count ?? 0;
        if (p.Probabilities is not { } probabilities || width == 0)
        {
            return -1;
        }

        if (width == 2)
        {
            return 1;
        }

        var all = probabilities.AsSpan(row * width, width);
        var best = 0;
        for (var i = 1; i < all.Length; i++)
        {
            best = all[i] > all[best] ? i : best;
        }

        return best;
    }

    private static double Score(TabularPredictions p, int row, int column) =>
        p.Values is { } values ? values[row] : p.Probabilities![row * p.ClassLabels!.Count + column];

    private static int IndexOfMax(IReadOnlyList<long> counts)
    {
        var best = 0;
        for (var i = 1; i < counts.Count; i++)
        {
            best = counts[i] > counts[best] ? i : best;
        }

        return best;
    }
}
