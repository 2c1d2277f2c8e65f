using Serverless.Core.Models;

namespace Serverless.Training.Data;

/// <summary>Rows encoded through <see cref="FeatureEncoder"/> (exactly as serving encodes them) with their targets.</summary>
internal sealed class EncodedDataset(float[][] features, float[] labels, int[] lines)
{
    public float[][] Features { get; } = features;

    /// <summary>Binary 0/1, multiclass class index, regression value.</summary>
    public float[] Labels { get; } = labels;

    /// <summary>The file line of each row, for error messages.</summary>
    public int[] Lines { get; } = lines;

    public int Count => Labels.Length;

    /// <summary>
    /// Encodes the rows of <paramref name="table"/> whose label is present (rows without one are left out and
    /// counted in <paramref name="skipped"/>). Without a <paramref name="labels"/> encoding every row is kept with label 0.
    /// </summary>
    /// <exception cref="TrainingDataException">A cell or label that does not encode; the message names the line.</exception>
    public static EncodedDataset Encode(TabularData table, FeatureEncoder encoder, int labelColumn, LabelEncoding? labels, out int skipped)
    {
        var columns = encoder.Schema.Features.Select(f => table.Require(f.Name, "features")).ToArray();
        var features = new List<float[]>(table.Rows.Count);
        var targets = new List<float>(table.Rows.Count);
        var lines = new List<int>(table.Rows.Count);
        var labelName = labelColumn >= 0 ? table.Header[labelColumn] : "";
        skipped = 0;
        foreach (var row in table.Rows)
        {
            var target = 0f;
            if (labels is not null)
            {
                if (row.Cells[labelColumn] is not { } label)
                {
                    skipped++;
                    continue;
                }

                target = labels.Encode(label, row.Line, labelName);
            }

            var vector = new float[columns.Length];
            for (var f = 0; f < columns.Length; f++)
            {
                var ok = row.Cells[columns[f]] is { } cell
                    ? encoder.TryEncodeText(f, cell, out vector[f], out var error)
                    : encoder.TryEncodeMissing(f, out vector[f], out error);
                if (!ok)
                {
                    throw new TrainingDataException($"{table.Source} line {row.Line}: {error}");
                }
            }

            features.Add(vector);
            targets.Add(target);
            lines.Add(row.Line);
        }

        return new EncodedDataset([.. features], [.. targets], [.. lines]);
    }

    /// <summary>The rows at <paramref name="indexes"/>, in that order.</summary>
    public EncodedDataset Subset(IReadOnlyList<int> indexes) =>
        new([.. indexes.Select(i => Features[i])], [.. indexes.Select(i => Labels[i])], [.. indexes.Select(i => Lines[i])]);
}
