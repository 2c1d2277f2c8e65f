namespace Serverless.Training;

/// <summary>What to train: a binary classifier on a CSV file with a header.</summary>
public sealed record TrainingRequest
{
    /// <summary>The CSV file (header required). Its SHA-256 goes into the lineage.</summary>
    public required string CsvPath { get; init; }

    /// <summary>The label column: 0/1, true/false or yes/no (case-insensitive); 1/true/yes is the positive class.</summary>
    public required string LabelColumn { get; init; }

    /// <summary>Columns that are not features (identifiers, leaks).</summary>
    public IReadOnlyList<string> IgnoreColumns { get; init; } = [];

    /// <summary>
    /// When null, each feature column is inferred: numeric when every non-empty cell parses as an invariant-culture
    /// number, otherwise categorical. When set, exactly these columns are categorical and all others must be numeric.
    /// Categories are the distinct non-empty values sorted ordinally; a category is encoded as its index.
    /// </summary>
    public IReadOnlyList<string>? CategoricalColumns { get; init; }

    /// <summary>Share of rows held out (seeded shuffle) for the metrics; in (0, 1).</summary>
    public double HoldoutFraction { get; init; } = 0.2;

    /// <summary>LightGBM by default; both trainers export to ONNX with identical predictions.</summary>
    public TrainerKind Trainer { get; init; } = TrainerKind.LightGbm;

    /// <summary>Boosting iterations (trees); at least 1.</summary>
    public int NumberOfTrees { get; init; } = 100;

    /// <summary>Maximum leaves per tree; at least 2.</summary>
    public int NumberOfLeaves { get; init; } = 31;

    /// <summary>Shrinkage applied to each tree; in (0, 1].</summary>
    public double LearningRate { get; init; } = 0.1;

    /// <summary>Minimum training rows in a leaf; at least 1.</summary>
    public int MinimumExamplesPerLeaf { get; init; } = 20;

    /// <summary>Seeds the holdout split and the trainer; the same request on the same file gives the same model.</summary>
    public int Seed { get; init; } = 42;

    /// <summary>Where the data lives, for the lineage (e.g. a blob URI). Defaults to the file's <c>file://</c> URI.</summary>
    public string? TrainingDataUri { get; init; }
}
