using Microsoft.DurableTask;

namespace Serverless.Workflows.TestWorker.Workflows;

/// <summary>Always throws with the given message.</summary>
public sealed class FailActivity : TaskActivity<string, string>
{
    public override Task<string> RunAsync(TaskActivityContext context, string input) =>
        throw new InvalidOperationException(input);
}
