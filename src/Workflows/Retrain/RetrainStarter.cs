using Microsoft.DurableTask.Client;
using Serverless.Core.Monitoring.DriftMonitoring;

namespace Serverless.Workflows.Retrain;

/// <summary>
/// Starts a retrain under its model's instance id (<see cref="RetrainRequest.InstanceId"/>) unless one is running, by
/// <see cref="SingletonOrchestration"/>; the route, the schedule and the drift monitor all start through here.
/// </summary>
public static class RetrainStarter
{
    public static Task<SingletonStart> StartAsync(
        DurableTaskClient client, RetrainRequest request, CancellationToken cancellationToken, string orchestrator = nameof(RetrainOrchestrator))
    {
        ArgumentNullException.ThrowIfNull(request);
        return SingletonOrchestration.StartAsync(client, orchestrator, RetrainRequest.InstanceId(request.Model), request, cancellationToken);
    }
}
