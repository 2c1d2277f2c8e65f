using System.Globalization;
using Serverless.Core.Models;
using Serverless.Training.Spec;

namespace Serverless.Training.Data;

/// <summary>
/// How label cells become training targets for the spec's task: binary 0/1, a multiclass class index, or a
/// regression value; and the class names the model reports.
/// </summary>
internal sealed class LabelEncoding
{
    private readonly TrainingTask _task;
    private readonly string? _positive;
    private readonly Dictionary<string, bool>? _map;
    private readonly Dictionary<string, int>? _classIndex;

    private LabelEncoding(TrainingTask task, IReadOnlyList<string> classLabels, string? positive, Dictionary<string, bool>? map, Dictionary<string, int>? classIndex)
    {
        _task = task;
        ClassLabels = classLabels;
        _positive = positive;
        _map = map;
        _classIndex = classIndex;
    }

    /// <summary>Classification: the class of each probability column; empty for regression.</summary>
    public IReadOnlyList<string> ClassLabels { get; }

    /// <summary>Looks at every present label value once to fix the classes.</summary>
    /// <exception cref="TrainingDataException">No label values, one class only, or a value the spec does not map.</exception>
    public static LabelEncoding Create(TabularData table, int column, TrainingSpec spec)
    {
        var name = table.Header[column];
        var values = table.Rows.Select(r => r.Cells[column]).OfType<string>().Distinct(StringComparer.Ordinal).ToList();
        if (values.Count == 0)
        {
            throw new TrainingDataException($"Label column '{name}' has no values: every cell is missing.");
        }

        switch (spec.Task)
        {
            case TrainingTask.Regression:
                return new LabelEncoding(TrainingTask.Regression, [], null, null, null);
            case TrainingTask.Multiclass:
                RequireTwo(values, name, "multiclass");
                var classes = values.All(v => double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out _))
                    ? values.OrderBy(v => double.Parse(v, CultureInfo.InvariantCulture)).ThenBy(v => v, StringComparer.Ordinal).ToArray()
                    : values.Order(StringComparer.Ordinal).ToArray();
                return new LabelEncoding(TrainingTask.Multiclass, classes, null, null,
                    classes.Select((c, i) => (c, i)).ToDictionary(p => p.c, p => p.i, StringComparer.Ordinal));
            default:
                return Binary(values, name, spec);
        }
    }

    /// <summary>The target of a present label cell, or an error naming the line.</summary>
    public float Encode(string value, int line, string column)
    {
        switch (_task)
        {
            case TrainingTask.Regression:
                if (double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && double.IsFinite(number)
                    && Math.Abs(number) <= float.MaxValue)
                {
                    return (float)number;
                }

                throw new TrainingDataException($"Line {line}: regression label '{column}' has '{value}', which is not a finite number.");
            case TrainingTask.Multiclass:
                return _classIndex![value];
            default:
                if (_positive is not null)
                {
                    return string.Equals(value, _positive, StringComparison.Ordinal) ? 1 : 0;
                }

                if (_map is not null)
                {
                    return _map.TryGetValue(value, out var mapped)
                        ? mapped ? 1 : 0
                        : throw new TrainingDataException($"Line {line}: label '{column}' has '{value}', which 'labelMap' does not list.");
                }

                return BooleanText.TryParse(value, out var flag)
                    ? flag ? 1 : 0
                    : throw new TrainingDataException(
                        $"Line {line}: label '{column}' has '{value}'; a binary label must be 0/1, true/false or yes/no, or set 'positiveClass' or 'labelMap'.");
        }
    }

    private static LabelEncoding Binary(List<string> values, string name, TrainingSpec spec)
    {
        if (spec.PositiveClass is { } positive)
        {
            if (!values.Contains(positive))
            {
                throw new TrainingDataException(
                    $"'positiveClass' is '{positive}', which label column '{name}' never has (it has: {string.Join(", ", values.Take(10))}).");
            }

            RequireTwo(values, name, "binary");
            var negatives = values.Where(v => v != positive).ToArray();
            return new LabelEncoding(TrainingTask.Binary, [negatives.Length == 1 ? negatives[0] : "not " + positive, positive], positive, null, null);
        }

        Dictionary<string, bool>? map = null;
        if (spec.LabelMap is { } given)
        {
            map = given.ToDictionary(p => p.Key, p => BooleanText.TryParse(p.Value, out var v) && v, StringComparer.Ordinal);
            var unmapped = values.FirstOrDefault(v => !map.ContainsKey(v));
            if (unmapped is not null)
            {
                throw new TrainingDataException($"Label column '{name}' has '{unmapped}', which 'labelMap' does not list.");
            }
        }

        var targets = values.Select(v => map?[v] ?? (BooleanText.TryParse(v, out var b) ? b : (bool?)null)).ToList();
        var bad = values.Where((v, i) => targets[i] is null).FirstOrDefault();
        if (bad is not null)
        {
            throw new TrainingDataException(
                $"Label column '{name}' has '{bad}'; a binary label must be 0/1, true/false or yes/no, or set 'positiveClass' or 'labelMap'.");
        }

        if (targets.Distinct().Count() < 2)
        {
            throw new TrainingDataException(
                $"Label column '{name}' has only {(targets[0] == true ? "positive" : "negative")} values; a binary model needs both classes.");
        }

        // With a map, the classes are named by the values mapped to 0 and to 1 when one value each maps there.
        string NameOf(bool cls, string fallback) =>
            map is not null && map.Where(p => p.Value == cls).Select(p => p.Key).ToArray() is [var only] ? only : fallback;
        return new LabelEncoding(TrainingTask.Binary, [NameOf(false, "0"), NameOf(true, "1")], null, map, null);
    }

    private static void RequireTwo(List<string> values, string name, string task)
    {
        if (values.Count < 2)
        {
            throw new TrainingDataException($"Label column '{name}' has one class only ('{values[0]}'); a {task} model needs at least two.");
        }
    }
}
