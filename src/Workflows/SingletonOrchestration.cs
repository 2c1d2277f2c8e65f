using System.Collections.Concurrent;
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
/// is reported as that running instance, whatever the host's exception type. Starts of one id in one process take turns
/// (check, then schedule), because the engine's own duplicate check is not atomic: without the turns 3 of 4 concurrent
/// starts on the local host's DTFx were accepted. Starts in different processes at the same moment can still all be
/// accepted (the engine then runs one of them); an atomic claim on the id in storage would close that too.
/// </remarks>
public static class SingletonOrchestration
{
    // One per fixed id used in this process: a handful (one per model and workflow kind), kept for the process's life.
    private static readonly ConcurrentDictionary<string, SemaphoreSlim> Turns = new(StringComparer.Ordinal);

    public static async Task<SingletonStart> StartAsync(
        DurableTaskClient client, TaskName orchestrator, string instanceId, object input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentException.ThrowIfNullOrEmpty(instanceId);
        var turn = Turns.GetOrAdd(instanceId, _ => new SemaphoreSlim(1, 1));
        await turn.WaitAsync(cancellationToken);
        try
        {
            return await StartInTurnAsync(client, orchestrator, instanceId, input, cancellationToken);
        }
        finally
        {
            turn.Release();
        }
    }

    private static async Task<SingletonStart> StartInTurnAsync(
        DurableTaskClient client, TaskName orchestrator, string instanceId, object input, CancellationToken cancellationToken)
    {
        if (await RunningAsync(client, instanceId, cancellationToken) is { } running)
        {
            return new SingletonStart(instanceId, running);
        }

        try
        {
            // Both engines record the new instance (pending) before this returns, so the next turn's check sees it.
            await client.ScheduleNewOrchestrationInstanceAsync(orchestrator, input, new StartOrchestrationOptions(instanceId), cancellationToken);
            return new SingletonStart(instanceId, Running: null);
        }
        catch (Exception) when (!cancellationToken.IsCancellationRequested)
        {
            // Another process's start may have won the race (the engine refused ours as a duplicate): that one is running.
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
