using Microsoft.DurableTask;

namespace Serverless.Workflows.TestWorker.Workflows;

/// <summary>
/// Schedules a different activity once <see cref="Changed"/> is set: a code change under a running instance, which
/// the engine must report as non-determinism on replay instead of carrying on.
/// </summary>
public sealed class NonDeterministicOrchestrator : TaskOrchestrator<string, string>
{
    public static volatile bool Changed;

    public override async Task<string> RunAsync(TaskOrchestrationContext context, string log)
    {
        var first = Changed
            ? await context.CallActivityAsync<string>(nameof(FailActivity), "never")
            : await context.CallActivityAsync<string>(nameof(StepActivity), new StepInput(log, "first"));
        await context.WaitForExternalEvent<string>("Continue");
        return first;
    }
}
