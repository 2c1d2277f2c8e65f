namespace Serverless.Core.Scoring.Automation;

/// <summary>How much one feature moved a record's score: the score minus the score with the feature at its baseline.</summary>
/// <param name="Value">The record's value (as <see cref="Models.FeatureEncoder.Decode"/> gives it; null when missing).</param>
/// <param name="Baseline">The training median (numeric, boolean) or most common category the feature was replaced with.</param>
/// <param name="Contribution">Score change the value caused; positive pushed the score (positive-class probability,
/// predicted-class probability, or regression value) up.</param>
public sealed record FeatureContribution(string Feature, object? Value, object? Baseline, double Contribution);
