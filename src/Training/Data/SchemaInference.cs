using System.Globalization;
using Serverless.Core.Models;

namespace Serverless.Training.Data;

/// <summary>Decides the feature schema of a CSV table: which columns are features, numeric or categorical.</summary>
internal static class SchemaInference
{
    /// <summary>The ONNX input name every trained model uses.</summary>
    public const string InputName = "features";

    /// <summary>
    /// Features are the header's columns in file order, minus the label and ignored columns. With
    /// <paramref name="categoricalColumns"/> null the kind is inferred per column; otherwise those columns are
    /// categorical and every other one must be numeric.
    /// </summary>
    public static FeatureSchema Infer(
        CsvTable table, string labelColumn, IReadOnlyCollection<string> ignoreColumns, IReadOnlyCollection<string>? categoricalColumns)
    {
        RequireColumns(table, ignoreColumns, "Ignored");
        if (categoricalColumns is not null)
        {
            RequireColumns(table, categoricalColumns, "Categorical");
        }

        var excluded = new HashSet<string>(ignoreColumns, StringComparer.Ordinal) { labelColumn };
        var explicitCategorical = categoricalColumns is null ? null : new HashSet<string>(categoricalColumns, StringComparer.Ordinal);
        var features = new List<FeatureDefinition>();
        for (var column = 0; column < table.Header.Count; column++)
        {
            var name = table.Header[column];
            if (excluded.Contains(name))
            {
                continue;
            }

            var categorical = explicitCategorical?.Contains(name) ?? !AllNumeric(table, column, out _);
            if (!categorical)
            {
                if (explicitCategorical is not null && !AllNumeric(table, column, out var bad))
                {
                    throw new TrainingDataException(
                        $"Column '{name}' is not listed as categorical, so it must be numeric, but line {bad.Line} has '{bad.Cells[column]}'.");
                }

                features.Add(new FeatureDefinition(name, FeatureKind.Numeric));
                continue;
            }

            var categories = table.Rows.Select(r => r.Cells[column]).Where(c => c.Length > 0)
                .Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
            if (categories.Length == 0)
            {
                throw new TrainingDataException($"Categorical column '{name}' has no non-empty values.");
            }

            features.Add(new FeatureDefinition(name, FeatureKind.Categorical, categories));
        }

        if (features.Count == 0)
        {
            throw new TrainingDataException("No feature columns remain after removing the label and ignored columns.");
        }

        return new FeatureSchema(InputName, features);
    }

    private static bool AllNumeric(CsvTable table, int column, out CsvRow firstBad)
    {
        foreach (var row in table.Rows)
        {
            var cell = row.Cells[column];
            if (cell.Length > 0 && !double.TryParse(cell, NumberStyles.Float, CultureInfo.InvariantCulture, out _))
            {
                firstBad = row;
                return false;
            }
        }

        firstBad = default;
        return true;
    }

    private static void RequireColumns(CsvTable table, IEnumerable<string> names, string role)
    {
        foreach (var name in names)
        {
            if (table.IndexOf(name) < 0)
            {
                throw new TrainingDataException(
                    $"{role} column '{name}' is not in the header ({string.Join(", ", table.Header)}).");
            }
        }
    }
}
