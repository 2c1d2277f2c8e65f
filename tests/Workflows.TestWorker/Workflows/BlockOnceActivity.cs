using Microsoft.DurableTask;

namespace Serverless.Workflows.TestWorker.Workflows;

/// <summary>Hangs on its first run (the test kills the worker there); a rerun returns the step's name.</summary>
public sealed class BlockOnceActivity : TaskActivity<StepInput, string>
{
    public override async Task<string> RunAsync(TaskActivityContext context, StepInput input)
    {
        ExecutionLog.Append(input.LogPath, "start:" + input.Step);
        if (ExecutionLog.Count(input.LogPath, "start:" + input.Step) == 1)
        {
            await Task.Delay(Timeout.Infinite);
        }

        return input.Step;
    }
}
