using System.Globalization;
using Serverless.Core.Models;
using Serverless.Training.Spec;

namespace Serverless.Training.Data;

/// <summary>Decides the feature schema of a table: which columns are features, and each one's type.</summary>
internal static class SchemaInference
{
    /// <summary>The ONNX input every trained model uses.</summary>
    public const string InputName = "features";

    /// <summary>
    /// Features are <see cref="TrainingSpec.Features"/>, or every column but the label and the ignored ones, in file
    /// order. A type from <see cref="TrainingSpec.FeatureTypes"/> wins; otherwise the first
    /// <see cref="DataSpec.InferenceSampleRows"/> rows decide: numeric when every present value parses as an
    /// invariant-culture number, boolean when every one is true/false or yes/no, categorical otherwise. Categories
    /// are the distinct present values of all rows, sorted ordinally.
    /// </summary>
    /// <exception cref="TrainingDataException">A named column is absent, a column has no values, or a value contradicts its type.</exception>
    public static FeatureSchema Infer(TabularData table, TrainingSpec spec, int labelColumn)
    {
        foreach (var name in spec.Ignore)
        {
            table.Require(name, "ignore");
        }

        foreach (var name in spec.FeatureTypes?.Keys ?? [])
        {
            table.Require(name, "featureTypes");
        }

        var ignored = spec.Ignore.Select(n => table.IndexOf(n)).ToHashSet();
        var columns = spec.Features is { } named
            ? named.Select(n => table.Require(n, "features")).ToArray()
            : Enumerable.Range(0, table.Header.Count).Where(c => c != labelColumn && !ignored.Contains(c)).ToArray();
        if (columns.Length == 0)
        {
            throw new TrainingDataException("No feature columns remain after removing the label and the ignored columns.");
        }

        var overrides = spec.FeatureTypes?.ToDictionary(p => table.IndexOf(p.Key), p => p.Value) ?? [];
        var sample = spec.Data.InferenceSampleRows == 0 ? table.Rows.Count : Math.Min(spec.Data.InferenceSampleRows, table.Rows.Count);
        var features = new List<FeatureDefinition>(columns.Length);
        foreach (var column in columns)
        {
            var name = table.Header[column];
            if (!table.Rows.Any(r => r.Cells[column] is not null))
            {
                throw new TrainingDataException($"Feature column '{name}' has no values: every cell is missing. Add it to 'ignore'.");
            }

            var type = overrides.TryGetValue(column, out var given) ? given : Guess(table, column, sample);
            features.Add(Define(table, column, type, overrides.ContainsKey(column)));
        }

        var missing = spec.Data.MissingValues.Select(v => spec.Data.Trim ? v.Trim() : v).Where(v => v.Length > 0).Distinct().ToArray();
        return new FeatureSchema(InputName, features, missing.Length == 0 ? null : missing, spec.Data.Trim);
    }

    private static FeatureType Guess(TabularData table, int column, int sample)
    {
        bool numeric = true, boolean = true;
        for (var r = 0; r < sample && (numeric || boolean); r++)
        {
            if (table.Rows[r].Cells[column] is { } cell)
            {
                numeric &= IsNumber(cell);
                boolean &= Core.Models.BooleanText.TryParse(cell, out _) && !IsNumber(cell);
            }
        }

        // A sample without one present value guesses numeric; Define then checks every row against the guess.
        return numeric ? FeatureType.Numeric : boolean ? FeatureType.Boolean : FeatureType.Categorical;
    }

    private static FeatureDefinition Define(TabularData table, int column, FeatureType type, bool given)
    {
        var name = table.Header[column];
        var why = given ? "'featureTypes' makes" : "the first rows make";
        switch (type)
        {
            case FeatureType.Categorical:
                var categories = table.Rows.Select(r => r.Cells[column]).OfType<string>().Distinct(StringComparer.Ordinal)
                    .Order(StringComparer.Ordinal).ToArray();
                return new FeatureDefinition(name, FeatureKind.Categorical, categories);
            case FeatureType.Boolean:
                Check(table, column, c => Core.Models.BooleanText.TryParse(c, out _), $"{why} '{name}' boolean (true/false, yes/no, 1/0)");
                return new FeatureDefinition(name, FeatureKind.Boolean);
            default:
                Check(table, column, IsNumber, $"{why} '{name}' numeric");
                return new FeatureDefinition(name, FeatureKind.Numeric);
        }
    }

    private static void Check(TabularData table, int column, Func<string, bool> fits, string claim)
    {
        foreach (var row in table.Rows)
        {
            if (row.Cells[column] is { } cell && !fits(cell))
            {
                throw new TrainingDataException(
                    $"{table.Source} line {row.Line}: {claim}, but it has '{cell}'. Set 'featureTypes.{table.Header[column]}' (e.g. \"categorical\") or add the value to 'data.missingValues'.");
            }
        }
    }

    private static bool IsNumber(string cell) =>
        double.TryParse(cell, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value) && Math.Abs(value) <= float.MaxValue;
}
