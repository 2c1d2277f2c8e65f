namespace Serverless.Core.Monitoring.GroundTruth;

/// <summary>A logged prediction joined with its true label: one sample of live accuracy.</summary>
/// <param name="Predicted">The predicted label (classification).</param>
/// <param name="Score">As <see cref="LoggedPrediction.Score"/>: the positive-class probability for two classes, the value for regression.</param>
/// <param name="Truth">The true label (classification) or value as invariant text (regression).</param>
public sealed record LabelledPrediction(
    string Model,
    int Version,
    string? Variant,
    string? RouteReason,
    string RequestId,
    int Index,
    DateTimeOffset PredictedAt,
    DateTimeOffset LabelledAt,
    string? Predicted,
    double? Score,
    string Truth);
