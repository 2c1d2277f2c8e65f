namespace Serverless.Training.Spec;

/// <summary>Checks a spec's fields before any data is read; every message names the field at fault.</summary>
public static class TrainingSpecValidator
{
    /// <exception cref="TrainingSpecException">The first problem found.</exception>
    public static void Validate(TrainingSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        Require(spec.Data is not null, "'data' is required: { \"path\": \"file.csv\" } or { \"blob\": \"container/file.csv\" }.");
        ValidateData(spec.Data!);
        Require(!string.IsNullOrWhiteSpace(spec.Label), "'label' is required: the name of the label column.");
        Require(spec.Task is not null, "'task' is required: binary, multiclass or regression.");
        Require(spec.Name is null || Core.Models.ModelNames.IsValid(spec.Name), $"'name' '{spec.Name}' is invalid: {Core.Models.ModelNames.Rule}.");
        ValidateLabelClasses(spec);
        ValidateColumns(spec);
        Require(spec.Holdout is not null, "'holdout' must be an object: { \"fraction\": 0.2, \"seed\": 42 }.");
        Require(spec.Holdout!.Fraction is > 0 and < 1, $"'holdout.fraction' must be in (0, 1), got {spec.Holdout.Fraction}.");
        ValidateTrainer(spec);
    }

    private static void ValidateData(DataSpec data)
    {
        Require((data.Path is null) != (data.Blob is null), "'data' needs exactly one of 'data.path' (a local file) and 'data.blob' (container/name).");
        Require(data.Path is null || data.Path.Trim().Length > 0, "'data.path' is empty.");
        Require(data.Blob is null || (data.Blob.IndexOf('/', StringComparison.Ordinal) is > 0 and var slash && slash < data.Blob.Length - 1),
            $"'data.blob' must be 'container/path/to/file', got '{data.Blob}'.");
        if (data.Delimiter is { } delimiter)
        {
            Require(data.Format is null or DataFormat.Csv or DataFormat.Tsv, "'data.delimiter' applies to CSV only.");
            Require(delimiter.Length == 1 && delimiter[0] is not ('"' or '\r' or '\n'),
                $"'data.delimiter' must be one character other than a quote or a line break, got '{delimiter}'.");
        }

        Require(data.MissingValues is not null, "'data.missingValues' must be a list of strings.");
        Require(data.MissingValues!.All(v => v is not null), "'data.missingValues' must not contain null.");
        Require(data.InferenceSampleRows >= 0, $"'data.inferenceSampleRows' must be 0 (all rows) or more, got {data.InferenceSampleRows}.");
    }

    private static void ValidateLabelClasses(TrainingSpec spec)
    {
        Require(spec.PositiveClass is null || spec.LabelMap is null, "Give 'positiveClass' or 'labelMap', not both.");
        if (spec.Task != TrainingTask.Binary)
        {
            Require(spec.PositiveClass is null, $"'positiveClass' applies to task binary only, not {spec.Task}.");
            Require(spec.LabelMap is null, $"'labelMap' applies to task binary only, not {spec.Task}.");
            return;
        }

        if (spec.LabelMap is { } map)
        {
            Require(map.Count >= 2, "'labelMap' must map at least two label values, to 0 and 1.");
            foreach (var (value, label) in map)
            {
                Require(Core.Models.BooleanText.TryParse(label, out _),
                    $"'labelMap.{value}' must be 0/1 or true/false, got '{label}'.");
            }
        }
    }

    private static void ValidateColumns(TrainingSpec spec)
    {
        Require(spec.Ignore is not null, "'ignore' must be a list of column names.");
        Require(!spec.Ignore!.Contains(spec.Label), $"'ignore' lists the label column '{spec.Label}'.");
        if (spec.Features is { } features)
        {
            Require(features.Count > 0, "'features', when given, must list at least one column.");
            Require(!features.Contains(spec.Label), $"'features' lists the label column '{spec.Label}'.");
            Require(features.Distinct(StringComparer.Ordinal).Count() == features.Count, "'features' lists a column twice.");
            var ignored = features.FirstOrDefault(f => spec.Ignore!.Contains(f));
            Require(ignored is null, $"'features' and 'ignore' both list '{ignored}'.");
        }

        if (spec.FeatureTypes is { } types)
        {
            Require(!types.ContainsKey(spec.Label), $"'featureTypes' gives a type to the label column '{spec.Label}'.");
        }
    }

    private static void ValidateTrainer(TrainingSpec spec)
    {
        var trainer = spec.Trainer;
        Require(trainer is not null, "'trainer' must be an object: { \"name\": \"lightGbm\", \"trees\": 100, ... }.");
        Require(trainer!.Trees is >= 1 and <= 100_000, $"'trainer.trees' must be in [1, 100000], got {trainer.Trees}.");
        Require(trainer.Leaves is >= 2 and <= 131_072, $"'trainer.leaves' must be in [2, 131072], got {trainer.Leaves}.");
        Require(trainer.LearningRate is > 0 and <= 1, $"'trainer.learningRate' must be in (0, 1], got {trainer.LearningRate}.");
        Require(trainer.MinExamplesPerLeaf >= 1, $"'trainer.minExamplesPerLeaf' must be at least 1, got {trainer.MinExamplesPerLeaf}.");
        Require(!(trainer.Name == TrainerKind.FastTree && spec.Task == TrainingTask.Multiclass),
            "'trainer.name' fastTree trains binary and regression models only; use lightGbm for multiclass.");
    }

    private static void Require(bool condition, string message)
    {
        if (!condition)
        {
            throw new TrainingSpecException(message);
        }
    }
}
