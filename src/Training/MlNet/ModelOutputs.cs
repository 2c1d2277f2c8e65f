namespace Serverless.Training.MlNet;

/// <summary>A model's outputs for a batch of rows, column-wise, as ML.NET computes them.</summary>
/// <param name="Labels">Classification: the predicted class index per row.</param>
/// <param name="Probabilities">Classification: row-major, <c>Classes</c> per row (binary: <c>[1 - p, p]</c>).</param>
/// <param name="Scores">Binary: the raw ensemble score (ranks rows for AUC); regression: the predicted value.</param>
/// <param name="Classes">Columns of <paramref name="Probabilities"/>; 0 for regression.</param>
internal sealed record ModelOutputs(int[]? Labels, float[]? Probabilities, float[]? Scores, int Classes);
