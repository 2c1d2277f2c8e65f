namespace Serverless.Core.Rollout.Health;

/// <summary>One version's numbers over the analysed window (null: no data for that number).</summary>
/// <param name="LabelledSamples">Predictions with ground truth (feedback) in the window.</param>
public sealed record VersionHealth(
    int Version, long Requests, long Errors, double ErrorRate, double? LatencyP95Ms, long Records, long InvalidOutputs,
    int LabelledSamples = 0, double? Accuracy = null, double? Rmse = null);
