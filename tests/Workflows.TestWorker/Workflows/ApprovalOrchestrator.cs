using Microsoft.DurableTask;

namespace Serverless.Workflows.TestWorker.Workflows;

/// <summary>Waits for an "Approval" event raced against a durable timer; returns the decision or "timeout".</summary>
public sealed class ApprovalOrchestrator : TaskOrchestrator<int, string>
{
    public override async Task<string> RunAsync(TaskOrchestrationContext context, int timeoutSeconds)
    {
        using var cancel = new CancellationTokenSource();
        var approval = context.WaitForExternalEvent<string>("Approval", cancel.Token);
        var timeout = context.CreateTimer(context.CurrentUtcDateTime.AddSeconds(timeoutSeconds), cancel.Token);
        context.SetCustomStatus("awaiting approval");
        var winner = await Task.WhenAny(approval, timeout);
        // Cancel() rather than CancelAsync(): callbacks must run on the orchestration's own thread.
        cancel.Cancel();
        return winner == approval ? await approval : "timeout";
    }
}
