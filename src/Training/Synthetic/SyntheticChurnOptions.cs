namespace Serverless.Training.Synthetic;

/// <summary>Options for <see cref="SyntheticChurnGenerator"/>.</summary>
/// <remarks>The same options always produce the same bytes (seeded generator, invariant culture, "\n" line ends).</remarks>
public sealed record SyntheticChurnOptions
{
    /// <summary>Number of data rows (the header is extra).</summary>
    public int Rows { get; init; } = 10_000;

    /// <summary>Seed of the pseudo-random generator.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>
    /// 0 is the baseline population. Larger values shift the inputs the way a deteriorating customer base does:
    /// higher monthly charges, more month-to-month contracts, more fiber customers and more support calls.
    /// The churn mechanism itself is unchanged, so churn rises through the shifted inputs only.
    /// </summary>
    public double Drift { get; init; }

    /// <summary>Probability, per cell, that total_charges, support_calls, age or payment_method is left empty.</summary>
    public double MissingRate { get; init; } = 0.02;
}
