namespace Serverless.Core.Validation;

/// <summary>What a candidate must meet to pass validation (one per task in settings, optionally one per model).</summary>
public sealed class ValidationPolicy
{
    /// <summary>Floors of higher-is-better holdout metrics (<c>auc</c>, <c>accuracy</c>, <c>r2</c>...). A metric the candidate does not report is skipped.</summary>
    public Dictionary<string, double> Minimums { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Ceilings of lower-is-better metrics (<c>rmse</c>, <c>mae</c>, <c>logLoss</c>...): scale-dependent, so per model.</summary>
    public Dictionary<string, double> Maximums { get; set; } = new(StringComparer.Ordinal);

    /// <summary>How much worse than the champion a known quality metric may be (absolute), before it counts as a regression.</summary>
    public double Tolerance { get; set; } = 0.005;

    /// <summary>The 95th percentile of single-row scoring time the candidate must stay within.</summary>
    public TimeSpan LatencyBudget { get; set; } = TimeSpan.FromMilliseconds(50);

    /// <summary>Smallest standard deviation of the score over the sample rows: below it the outputs count as collapsed.</summary>
    public double MinScoreSpread { get; set; } = 0.01;
}
