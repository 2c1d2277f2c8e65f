using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace Serverless.Api.Workflows;

/// <summary>Starts a workflow under a fixed instance id (one per model) unless that instance is still running.</summary>
public static class SingletonWorkflow
{
    /// <summary>
    /// 202 with the management payload when started; 409 <see cref="WorkflowConflict"/> naming the running instance's status
    /// URL when it is pending, running or suspended. A completed instance of the id is replaced by the new run.
    /// </summary>
    /// <remarks>
    /// Two concurrent starts both pass the check; the engine refuses the second (DTFx and Durable Functions both refuse
    /// a start over an active instance), which is answered 409 after reading the instance again, whatever the host's exception type.
    /// </remarks>
    public static async Task<IResult> StartAsync(
        DurableTaskClient client, string orchestrator, string instanceId, object input, Func<string, HttpManagementPayload> links, string what,
        CancellationToken cancellationToken)
    {
        if (await RunningAsync(client, instanceId, cancellationToken) is { } running)
        {
            return Conflict(running, links, what);
        }

        try
        {
            await client.ScheduleNewOrchestrationInstanceAsync(orchestrator, input, new StartOrchestrationOptions(instanceId), cancellationToken);
        }
        catch (Exception) when (!cancellationToken.IsCancellationRequested)
        {
            if (await RunningAsync(client, instanceId, cancellationToken) is { } raced)
            {
                return Conflict(raced, links, what);
            }

            throw;
        }

        return WorkflowAccepted.Result(links(instanceId));
    }

    private static async Task<OrchestrationMetadata?> RunningAsync(DurableTaskClient client, string instanceId, CancellationToken cancellationToken) =>
        await client.GetInstanceAsync(instanceId, getInputsAndOutputs: false, cancellationToken) is { IsCompleted: false } metadata ? metadata : null;

    private static IResult Conflict(OrchestrationMetadata running, Func<string, HttpManagementPayload> links, string what) =>
        TypedResults.Json(
            new WorkflowConflict($"{what} is already {running.RuntimeStatus.ToString().ToLowerInvariant()} (instance '{running.InstanceId}').", running.InstanceId,
                links(running.InstanceId).StatusQueryGetUri),
            statusCode: StatusCodes.Status409Conflict);
}
