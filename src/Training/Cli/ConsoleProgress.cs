namespace Serverless.Training.Cli;

/// <summary>Prints one line per training stage: <c>[ 25%] 3/8 schema   10000 rows, 12 columns</c>.</summary>
/// <remarks>Synchronous (<see cref="IProgress{T}"/> implemented directly, not <see cref="Progress{T}"/>), so lines appear in order.</remarks>
internal sealed class ConsoleProgress(TextWriter output) : IProgress<TrainingStage>
{
    public void Report(TrainingStage value) =>
        output.WriteLine($"[{value.Fraction,4:P0}] {value.Step}/{value.Steps} {value.Name,-8} {value.Detail}");
}
