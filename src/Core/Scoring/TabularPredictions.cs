namespace Serverless.Core.Scoring;

/// <summary>Predictions for a batch of rows, interpreted per <see cref="Models.ModelTask"/>.</summary>
/// <param name="Rows">Number of rows scored.</param>
/// <param name="Labels">Classification: the predicted label per row (from the manifest's class labels when known).</param>
/// <param name="Probabilities">Classification: row-major <c>Rows * ClassLabels.Count</c> probabilities.</param>
/// <param name="ClassLabels">Classification: the label of each probability column.</param>
/// <param name="Values">Regression: one value per row.</param>
public sealed record TabularPredictions(
    int Rows,
    string[]? Labels,
    float[]? Probabilities,
    IReadOnlyList<string>? ClassLabels,
    float[]? Values);
