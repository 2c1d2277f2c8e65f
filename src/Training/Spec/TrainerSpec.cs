namespace Serverless.Training.Spec;

/// <summary>The gradient-boosted tree trainer and its hyper-parameters.</summary>
public sealed record TrainerSpec
{
    /// <summary>LightGbm (default, every task) or FastTree (binary and regression).</summary>
    public TrainerKind Name { get; init; } = TrainerKind.LightGbm;

    /// <summary>Boosting iterations; at least 1. Multiclass LightGBM grows one tree per class per iteration.</summary>
    public int Trees { get; init; } = 100;

    /// <summary>Maximum leaves per tree; at least 2.</summary>
    public int Leaves { get; init; } = 31;

    /// <summary>In (0, 1].</summary>
    public double LearningRate { get; init; } = 0.1;

    /// <summary>Minimum training rows in a leaf; at least 1.</summary>
    public int MinExamplesPerLeaf { get; init; } = 20;
}
