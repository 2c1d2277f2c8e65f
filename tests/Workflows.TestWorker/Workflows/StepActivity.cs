using Microsoft.DurableTask;

namespace Serverless.Workflows.TestWorker.Workflows;

/// <summary>Records <c>step:{name}</c> with the worker's process id and returns the step's name.</summary>
public sealed class StepActivity : TaskActivity<StepInput, string>
{
    public override Task<string> RunAsync(TaskActivityContext context, StepInput input)
    {
        ExecutionLog.Append(input.LogPath, "step:" + input.Step);
        ExecutionLog.Append(input.LogPath, $"pid:{Environment.ProcessId}:{input.Step}");
        return Task.FromResult(input.Step);
    }
}
