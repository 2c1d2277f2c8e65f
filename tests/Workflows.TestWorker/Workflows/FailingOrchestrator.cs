using Microsoft.DurableTask;

namespace Serverless.Workflows.TestWorker.Workflows;

/// <summary>Calls an activity that always throws, with retries: must end Failed, not retry forever.</summary>
public sealed class FailingOrchestrator : TaskOrchestrator<string, string>
{
    public override Task<string> RunAsync(TaskOrchestrationContext context, string message) =>
        context.CallActivityAsync<string>(
            nameof(FailActivity), message, TaskOptions.FromRetryPolicy(new RetryPolicy(3, TimeSpan.FromMilliseconds(100))));
}
