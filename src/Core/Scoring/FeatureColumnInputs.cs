using System.Globalization;
using Serverless.Core.Models;
using Serverless.Core.Scoring.OpenInference;

namespace Serverless.Core.Scoring;

/// <summary>
/// Turns encoded rows into one tensor per feature for models with one named input per feature
/// (<see cref="FeatureInputs"/>): each float column in its input's datatype and rank. Immutable; thread-safe.
/// </summary>
internal sealed class FeatureColumnInputs
{
    private readonly Column[] _columns;

    private FeatureColumnInputs(Column[] columns) => _columns = columns;

    public string[] InputNames => [.. _columns.Select(c => c.Input)];

    /// <exception cref="ModelValidationException">The schema does not fit the inputs.</exception>
    public static FeatureColumnInputs Create(ModelManifest manifest, FeatureSchema schema)
    {
        if (FeatureInputs.Check(schema, manifest.Inputs) is { } problem)
        {
            throw new ModelValidationException($"Model '{manifest.Name}' version {manifest.Version}: {problem}");
        }

        return new FeatureColumnInputs([.. schema.Features.Select(f =>
        {
            var input = manifest.Inputs.First(i => i.Name == f.Name);
            return new Column(input.Name, input.Datatype, input.Shape.Count, f.Categories);
        })]);
    }

    /// <summary>The model's inputs for <paramref name="rows"/> encoded rows (row-major, one float per feature).</summary>
    /// <exception cref="InvalidInferenceInputException">A value does not fit its input (a fraction for an integer input).</exception>
    public InferenceTensor[] ToTensors(ReadOnlySpan<float> features, int rows)
    {
        var width = _columns.Length;
        var tensors = new InferenceTensor[width];
        for (var c = 0; c < width; c++)
        {
            var column = _columns[c];
            Array data = column.Datatype switch
            {
                OipDatatype.Fp32 => Fill(features, rows, width, c, v => v),
                OipDatatype.Fp64 => Fill(features, rows, width, c, v => (double)v),
                OipDatatype.Int64 => Fill(features, rows, width, c, v => (long)Integer(column, v)),
                OipDatatype.Int32 => Fill(features, rows, width, c, v => (int)Integer(column, v)),
                OipDatatype.Bool => Fill(features, rows, width, c, v => v != 0),
                // Categorical features are encoded as their category's index; the model wants the name.
                _ => Fill(features, rows, width, c, v => column.Categories![(int)v]),
            };
            tensors[c] = new InferenceTensor(column.Input, column.Datatype, column.Rank == 1 ? [rows] : [rows, 1], data);
        }

        return tensors;
    }

    private static T[] Fill<T>(ReadOnlySpan<float> features, int rows, int width, int column, Func<float, T> convert)
    {
        var values = new T[rows];
        for (var r = 0; r < rows; r++)
        {
            values[r] = convert(features[r * width + column]);
        }

        return values;
    }

    private static float Integer(Column column, float value) =>
        value == MathF.Truncate(value) && Math.Abs(value) <= 1 << 24
            ? value
            : throw new InvalidInferenceInputException(
                $"Field '{column.Input}' feeds integer input '{column.Input}' and must be a whole number (at most 2^24 in magnitude); got {value.ToString(CultureInfo.InvariantCulture)}.");

    private sealed record Column(string Input, string Datatype, int Rank, IReadOnlyList<string>? Categories);
}
