using Microsoft.DurableTask;

namespace Serverless.Workflows.TestWorker.Workflows;

/// <summary>A step, a durable timer (the worker is killed during it), another step; custom status says where it is.</summary>
public sealed class TimerStepsOrchestrator : TaskOrchestrator<string, string>
{
    public static readonly TimeSpan Delay = TimeSpan.FromSeconds(4);

    public override async Task<string> RunAsync(TaskOrchestrationContext context, string log)
    {
        var one = await context.CallActivityAsync<string>(nameof(StepActivity), new StepInput(log, "one"));
        context.SetCustomStatus("waiting");
        await context.CreateTimer(context.CurrentUtcDateTime + Delay, CancellationToken.None);
        context.SetCustomStatus("done");
        var two = await context.CallActivityAsync<string>(nameof(StepActivity), new StepInput(log, "two"));
        return one + two;
    }
}
