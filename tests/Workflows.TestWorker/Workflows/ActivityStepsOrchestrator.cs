using Microsoft.DurableTask;

namespace Serverless.Workflows.TestWorker.Workflows;

/// <summary>Step one, a step that blocks on its first run (the worker is killed there), step three.</summary>
public sealed class ActivityStepsOrchestrator : TaskOrchestrator<string, string>
{
    public override async Task<string> RunAsync(TaskOrchestrationContext context, string log)
    {
        var one = await context.CallActivityAsync<string>(nameof(StepActivity), new StepInput(log, "one"));
        var two = await context.CallActivityAsync<string>(nameof(BlockOnceActivity), new StepInput(log, "two"));
        var three = await context.CallActivityAsync<string>(nameof(StepActivity), new StepInput(log, "three"));
        return one + two + three;
    }
}
