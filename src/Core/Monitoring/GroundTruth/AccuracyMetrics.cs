namespace Serverless.Core.Monitoring.GroundTruth;

/// <summary>Live quality of a set of labelled predictions; a metric that cannot be computed from them is null.</summary>
/// <param name="Samples">Labelled predictions the numbers are computed from.</param>
/// <param name="Accuracy">Classification: the fraction whose predicted label is the true one.</param>
/// <param name="Precision">Two classes: of the positive class (<paramref name="PositiveClass"/>); more: the macro average over classes predicted.</param>
/// <param name="Recall">Two classes: of the positive class; more: the macro average over the true classes seen.</param>
/// <param name="Auc">Two classes: ROC AUC of the positive-class probability (null unless both classes occur).</param>
/// <param name="Rmse">Regression: root mean squared error.</param>
/// <param name="Mae">Regression: mean absolute error.</param>
public sealed record AccuracyMetrics(
    int Samples,
    double? Accuracy = null,
    double? Precision = null,
    double? Recall = null,
    double? Auc = null,
    double? Rmse = null,
    double? Mae = null,
    string? PositiveClass = null);
