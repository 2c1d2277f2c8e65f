using Microsoft.DurableTask;

namespace Serverless.Workflows.TestWorker.Workflows;

/// <summary>Calls <see cref="FlakyActivity"/> with a retry policy that outlasts its failures.</summary>
public sealed class RetryOrchestrator : TaskOrchestrator<string, string>
{
    public override Task<string> RunAsync(TaskOrchestrationContext context, string log) =>
        context.CallActivityAsync<string>(
            nameof(FlakyActivity),
            new StepInput(log, "flaky"),
            TaskOptions.FromRetryPolicy(new RetryPolicy(FlakyActivity.Failures + 1, TimeSpan.FromMilliseconds(200))));
}
