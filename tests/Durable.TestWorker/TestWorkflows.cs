using Serverless.Core.Workflows;

namespace Serverless.Durable.TestWorker;

/// <summary>Orchestrators and activities the engine tests run, in process and in the worker process.</summary>
public static partial class TestWorkflows
{
    /// <summary>Delay of the timer in <see cref="TimerStepsAsync"/>: long enough to kill the worker during it.</summary>
    public static readonly TimeSpan CrashTimerDelay = TimeSpan.FromSeconds(4);

    public static WorkflowRegistry Register(WorkflowRegistry registry) => registry
        .AddActivity<StepInput, string>("Step", StepAsync)
        .AddActivity<StepInput, string>("BlockOnce", BlockOnceAsync)
        .AddActivity<string, string>("Echo", (text, _) => Task.FromResult(text))
        .AddActivity<string, string>("Fail", (message, _) => throw new InvalidOperationException(message))
        .AddOrchestrator("ActivitySteps", ActivityStepsAsync)
        .AddOrchestrator("TimerSteps", TimerStepsAsync);

    /// <summary>Step one, a step that blocks on its first run (the worker is killed there), step three.</summary>
    public static async Task<string> ActivityStepsAsync(IOrchestrationContext context)
    {
        var log = context.GetInput<string>()!;
        var one = await context.CallActivityAsync<string>("Step", new StepInput(log, "one"));
        var two = await context.CallActivityAsync<string>("BlockOnce", new StepInput(log, "two"));
        var three = await context.CallActivityAsync<string>("Step", new StepInput(log, "three"));
        return one + two + three;
    }

    /// <summary>A step, a durable timer (the worker is killed during it), another step.</summary>
    public static async Task<string> TimerStepsAsync(IOrchestrationContext context)
    {
        var log = context.GetInput<string>()!;
        var one = await context.CallActivityAsync<string>("Step", new StepInput(log, "one"));
        context.SetCustomStatus("waiting");
        await context.CreateTimer(context.CurrentUtcDateTime + CrashTimerDelay, CancellationToken.None);
        context.SetCustomStatus("done");
        var two = await context.CallActivityAsync<string>("Step", new StepInput(log, "two"));
        return one + two;
    }

    private static Task<string> StepAsync(StepInput input, WorkflowActivityContext context)
    {
        ExecutionLog.Append(input.LogPath, "step:" + input.Step);
        return Task.FromResult(input.Step);
    }

    private static async Task<string> BlockOnceAsync(StepInput input, WorkflowActivityContext context)
    {
        ExecutionLog.Append(input.LogPath, "start:" + input.Step);
        if (ExecutionLog.Count(input.LogPath, "start:" + input.Step) == 1)
        {
            // The first run hangs until its process is killed; the rerun after the restart completes.
            await Task.Delay(Timeout.Infinite, context.CancellationToken);
        }

        return input.Step;
    }
}
