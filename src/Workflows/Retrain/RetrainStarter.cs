using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Serverless.Core.Monitoring.DriftMonitoring;

namespace Serverless.Workflows.Retrain;

/// <summary>
/// Starts a retrain under its model's instance id (<see cref="RetrainRequest.InstanceId"/>) unless one is running; the
/// route, the schedule and the drift monitor all start through here.
/// </summary>
/// <remarks>
/// A finished, failed or terminated instance is replaced by the new one. The check comes first; the start itself keeps
/// the backend's default deduplication (the local host's DTFx client refuses an id whose instance is active), and a start
/// refused because another won the race reports the running instance.
/// </remarks>
public static class RetrainStarter
{
    /// <summary>The statuses in which a retrain counts as running and a second start is refused.</summary>
    public static IReadOnlyList<OrchestrationRuntimeStatus> Active { get; } =
        [OrchestrationRuntimeStatus.Pending, OrchestrationRuntimeStatus.Running, OrchestrationRuntimeStatus.Suspended];

    public static async Task<RetrainStart> StartAsync(
        DurableTaskClient client, RetrainRequest request, CancellationToken cancellationToken, string orchestrator = nameof(RetrainOrchestrator))
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(request);
        var id = RetrainRequest.InstanceId(request.Model);
        if (await IsActiveAsync(client, id, cancellationToken))
        {
            return new RetrainStart(id, Started: false);
        }

        try
        {
            await client.ScheduleNewOrchestrationInstanceAsync(orchestrator, request, new StartOrchestrationOptions(id), cancellationToken);
            return new RetrainStart(id, Started: true);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Another start may have won the race (the engine refused ours as a duplicate): that one is the running retrain.
            if (await IsActiveAsync(client, id, cancellationToken))
            {
                return new RetrainStart(id, Started: false);
            }

            throw;
        }
    }

    private static async Task<bool> IsActiveAsync(DurableTaskClient client, string id, CancellationToken cancellationToken) =>
        await client.GetInstanceAsync(id, cancellationToken) is { } instance && Active.Contains(instance.RuntimeStatus);
}
