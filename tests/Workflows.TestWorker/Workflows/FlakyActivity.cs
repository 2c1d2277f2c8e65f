using Microsoft.DurableTask;

namespace Serverless.Workflows.TestWorker.Workflows;

/// <summary>Throws on its first two runs for a given log, then succeeds: exercises retry policies.</summary>
public sealed class FlakyActivity : TaskActivity<StepInput, string>
{
    public const int Failures = 2;

    public override Task<string> RunAsync(TaskActivityContext context, StepInput input)
    {
        ExecutionLog.Append(input.LogPath, "try:" + input.Step);
        if (ExecutionLog.Count(input.LogPath, "try:" + input.Step) <= Failures)
        {
            throw new InvalidOperationException($"transient failure of {input.Step}");
        }

        return Task.FromResult(input.Step);
    }
}
