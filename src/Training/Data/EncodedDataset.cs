using Serverless.Core.Models;

namespace Serverless.Training.Data;

/// <summary>Rows encoded through <see cref="FeatureEncoder"/> (exactly as serving encodes them) with their labels.</summary>
internal sealed class EncodedDataset(float[][] features, bool[] labels, int[] lines)
{
    public float[][] Features { get; } = features;

    public bool[] Labels { get; } = labels;

    /// <summary>The file line of each row, for error messages.</summary>
    public int[] Lines { get; } = lines;

    public int Count => Labels.Length;

    /// <summary>
    /// Encodes every row of <paramref name="table"/>. With a <paramref name="labelColumn"/> each row's label must
    /// parse (see <see cref="LabelParser"/>); without one, labels are all false (scoring-only data).
    /// </summary>
    public static EncodedDataset Encode(CsvTable table, FeatureEncoder encoder, string? labelColumn)
    {
        var labelIndex = -1;
        if (labelColumn is not null)
        {
            labelIndex = table.IndexOf(labelColumn);
            if (labelIndex < 0)
            {
                throw new TrainingDataException(
                    $"Label column '{labelColumn}' is not in the header ({string.Join(", ", table.Header)}).");
            }
        }

        var columns = encoder.Schema.Features.Select(f => table.IndexOf(f.Name)).ToArray();
        for (var i = 0; i < columns.Length; i++)
        {
            if (columns[i] < 0)
            {
                throw new TrainingDataException($"Feature column '{encoder.Schema.Features[i].Name}' is not in the header.");
            }
        }

        var features = new float[table.Rows.Count][];
        var labels = new bool[table.Rows.Count];
        var lines = new int[table.Rows.Count];
        for (var r = 0; r < table.Rows.Count; r++)
        {
            var row = table.Rows[r];
            lines[r] = row.Line;
            if (labelIndex >= 0 && !LabelParser.TryParse(row.Cells[labelIndex], out labels[r]))
            {
                throw new TrainingDataException(
                    $"Line {row.Line}: label column '{labelColumn}' has '{row.Cells[labelIndex]}'; a binary label must be 0/1, true/false or yes/no.");
            }

            var vector = new float[columns.Length];
            for (var f = 0; f < columns.Length; f++)
            {
                if (!encoder.TryEncodeText(f, row.Cells[columns[f]], out vector[f], out var error))
                {
                    throw new TrainingDataException($"Line {row.Line}: {error}");
                }
            }

            features[r] = vector;
        }

        return new EncodedDataset(features, labels, lines);
    }

    /// <summary>The rows at <paramref name="indexes"/>, in that order.</summary>
    public EncodedDataset Subset(IReadOnlyList<int> indexes) =>
        new([.. indexes.Select(i => Features[i])], [.. indexes.Select(i => Labels[i])], [.. indexes.Select(i => Lines[i])]);
}
