using Microsoft.DurableTask;

namespace Serverless.Workflows.TestWorker.Workflows;

/// <summary>Runs <see cref="CounterOrchestrator"/> as a sub-orchestration with a child id derived from its own.</summary>
public sealed class ParentOrchestrator : TaskOrchestrator<int, int>
{
    public override async Task<int> RunAsync(TaskOrchestrationContext context, int count) =>
        await context.CallSubOrchestratorAsync<int>(
            nameof(CounterOrchestrator), new CounterState(count, 0), new SubOrchestrationOptions { InstanceId = context.InstanceId + ":child" }) * 10;
}
