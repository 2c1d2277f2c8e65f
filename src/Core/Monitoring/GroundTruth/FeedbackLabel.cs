namespace Serverless.Core.Monitoring.GroundTruth;

/// <summary>A true label for one logged record: a class label (classification) or a number (regression).</summary>
/// <param name="Index">The record's position in its request; 0 for single-record requests.</param>
/// <param name="Label">The true class label, or the true value written as text (parsed for regression models).</param>
public sealed record FeedbackLabel(string RequestId, int Index, string Label);
