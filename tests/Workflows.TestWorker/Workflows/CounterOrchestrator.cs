using Microsoft.DurableTask;

namespace Serverless.Workflows.TestWorker.Workflows;

/// <summary>Counts down with ContinueAsNew (a fresh history each round); returns how many rounds it ran.</summary>
public sealed class CounterOrchestrator : TaskOrchestrator<CounterState, int>
{
    public override Task<int> RunAsync(TaskOrchestrationContext context, CounterState state)
    {
        context.SetCustomStatus(new { state.Done });
        if (state.Remaining == 0)
        {
            return Task.FromResult(state.Done);
        }

        context.ContinueAsNew(new CounterState(state.Remaining - 1, state.Done + 1));
        return Task.FromResult(-1);
    }
}
