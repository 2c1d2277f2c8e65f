namespace Serverless.Training.MlNet;

/// <summary>ML.NET's outputs for a batch of rows, column-wise.</summary>
internal sealed record Predictions(float[] Scores, float[] Probabilities, bool[] Labels);
