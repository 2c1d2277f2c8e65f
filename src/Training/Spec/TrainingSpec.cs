namespace Serverless.Training.Spec;

/// <summary>
/// What to train, as a user writes it in <c>spec.json</c> (documented field by field in docs/training.md).
/// Only <see cref="Data"/>, <see cref="Label"/> and <see cref="Task"/> are required; everything else has a default.
/// </summary>
/// <remarks>Immutable; <see cref="TrainingSpecValidator"/> checks it before any data is read.</remarks>
public sealed record TrainingSpec
{
    /// <summary>The model name used by <c>--register</c> and the lineage; optional.</summary>
    public string? Name { get; init; }

    public DataSpec Data { get; init; } = new();

    /// <summary>The label column (a leading <c>#</c> in the header may be left out).</summary>
    public string Label { get; init; } = "";

    public TrainingTask? Task { get; init; }

    /// <summary>Binary: the label value that is the positive class; every other value is negative.</summary>
    public string? PositiveClass { get; init; }

    /// <summary>Binary: each label value mapped to its class (<c>0</c>/<c>1</c>, <c>true</c>/<c>false</c>); a value not listed is an error.</summary>
    public IReadOnlyDictionary<string, string>? LabelMap { get; init; }

    /// <summary>The feature columns in order; default every column but the label and <see cref="Ignore"/>.</summary>
    public IReadOnlyList<string>? Features { get; init; }

    /// <summary>Types that override the inferred ones, by column.</summary>
    public IReadOnlyDictionary<string, FeatureType>? FeatureTypes { get; init; }

    /// <summary>Columns that are not features (identifiers, leaks).</summary>
    public IReadOnlyList<string> Ignore { get; init; } = [];

    public HoldoutSpec Holdout { get; init; } = new();

    public TrainerSpec Trainer { get; init; } = new();
}
