using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace Serverless.Workflows;

/// <summary>
/// Starts an orchestration under a fixed instance id (one per model: <c>retrain-{model}</c>, <c>rollout-{model}</c>)
/// unless that instance is still running. The routes (through Api's <c>SingletonWorkflow</c>, which answers 202 or 409),
/// the retrain schedule and the drift monitor all start their singletons here.
/// </summary>
/// <remarks>
/// An instance that has completed, failed or been terminated is replaced by the new run. A start the engine refuses
/// because the instance became active after the check (DTFx and Durable Functions refuse a start over an active instance)
/// is reported as that running instance, whatever the host's exception type. Not atomic: starts that pass the check in
/// the same moment can all be accepted by the local host's DTFx (3 of 4 concurrent starts were, in a test), and the
/// engine then runs one of them; an atomic claim on the id would close that.
/// </remarks>
public static class SingletonOrchestration
{
    public static async Task<SingletonStart> StartAsync(
        DurableTaskClient client, TaskName orchestrator, string instanceId, object input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentException.ThrowIfNullOrEmpty(instanceId);
        if (await RunningAsync(client, instanceId, cancellationToken) is { } running)
        {
            return new SingletonStart(instanceId, running);
        }

        try
        {
            await client.ScheduleNewOrchestrationInstanceAsync(orchestrator, input, new StartOrchestrationOptions(instanceId), cancellationToken);
            return new SingletonStart(instanceId, Running: null);
        }
        catch (Exception) when (!cancellationToken.IsCancellationRequested)
        {
            // Another start may have won the race (the engine refused ours as a duplicate): that one is the running instance.
            if (await RunningAsync(client, instanceId, cancellationToken) is { } raced)
            {
                return new SingletonStart(instanceId, raced);
            }

            throw;
        }
    }

    private static async Task<OrchestrationRuntimeStatus?> RunningAsync(DurableTaskClient client, string instanceId, CancellationToken cancellationToken) =>
        await client.GetInstanceAsync(instanceId, getInputsAndOutputs: false, cancellationToken) is { IsCompleted: false } metadata ? metadata.RuntimeStatus : null;
}
