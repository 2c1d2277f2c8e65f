namespace Serverless.Training.Spec;

/// <summary>The share of rows kept out of training to compute the metrics.</summary>
public sealed record HoldoutSpec
{
    /// <summary>In (0, 1).</summary>
    public double Fraction { get; init; } = 0.2;

    /// <summary>Seeds the split and the trainer: the same spec on the same file gives the same model bytes.</summary>
    public int Seed { get; init; } = 42;
}
