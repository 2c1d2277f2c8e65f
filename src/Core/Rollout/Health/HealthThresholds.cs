namespace Serverless.Core.Rollout.Health;

/// <summary>
/// When a rollout step's candidate counts as healthy against the champion (settings <c>Rollout:Health</c>). Each check
/// compares the candidate over the bake window with the champion over the same window and the baseline before it.
/// </summary>
public sealed class HealthThresholds
{
    /// <summary>Requests the candidate must have answered before a verdict (fewer: inconclusive, unless its errors alone already fail it).</summary>
    public int MinRequests { get; set; } = 100;

    /// <summary>How much higher (absolute, 0-1) the candidate's error rate may be than the champion's.</summary>
    public double MaxErrorRateIncrease { get; set; } = 0.01;

    /// <summary>The candidate's p95 latency may be at most this multiple of the champion's ...</summary>
    public double MaxLatencyRatio { get; set; } = 1.5;

    /// <summary>... or this many milliseconds above it, whichever is larger (small latencies vary by whole buckets).</summary>
    public double LatencySlackMilliseconds { get; set; } = 5;

    /// <summary>Largest population stability index between the champion's and the candidate's score histograms; 0 turns the check off.</summary>
    public double MaxScorePsi { get; set; } = 0.25;

    /// <summary>Labelled predictions (feedback) each side needs before live accuracy is compared.</summary>
    public int MinLabels { get; set; } = 50;

    /// <summary>Classification: how much lower (absolute) the candidate's live accuracy may be than the champion's.</summary>
    public double MaxAccuracyDrop { get; set; } = 0.05;

    /// <summary>Regression: how much higher (relative) the candidate's live RMSE may be than the champion's.</summary>
    public double MaxRmseIncrease { get; set; } = 0.1;

    /// <summary>How far before the rollout the champion's reference window starts (it has the traffic then; at 100 % it has none).</summary>
    public TimeSpan Baseline { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>The first setting out of range, or null.</summary>
    public string? Validate() =>
        MinRequests < 1 ? "Rollout:Health:MinRequests must be at least 1."
        : MaxErrorRateIncrease is < 0 or > 1 ? "Rollout:Health:MaxErrorRateIncrease must be 0-1."
        : MaxLatencyRatio < 1 ? "Rollout:Health:MaxLatencyRatio must be at least 1."
        : LatencySlackMilliseconds < 0 ? "Rollout:Health:LatencySlackMilliseconds must not be negative."
        : MaxScorePsi < 0 ? "Rollout:Health:MaxScorePsi must not be negative."
        : MinLabels < 1 ? "Rollout:Health:MinLabels must be at least 1."
        : MaxAccuracyDrop is < 0 or > 1 ? "Rollout:Health:MaxAccuracyDrop must be 0-1."
        : MaxRmseIncrease < 0 ? "Rollout:Health:MaxRmseIncrease must not be negative."
        : Baseline < TimeSpan.Zero ? "Rollout:Health:Baseline must not be negative."
        : null;
}
