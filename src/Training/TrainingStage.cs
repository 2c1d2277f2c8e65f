namespace Serverless.Training;

/// <summary>A stage of a training run, reported as it starts (CLI progress, orchestration custom status).</summary>
/// <param name="Name">load, read, schema, encode, train, export, evaluate or done.</param>
/// <param name="Step">1-based position of the stage.</param>
/// <param name="Steps">Number of stages.</param>
/// <param name="Detail">What the stage works on (rows, file), for people.</param>
public sealed record TrainingStage(string Name, int Step, int Steps, string Detail)
{
    public const int Count = 8;

    /// <summary>Share of the run done when this stage starts, 0..1.</summary>
    public double Fraction => (Step - 1) / (double)(Steps - 1);
}
