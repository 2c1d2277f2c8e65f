using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Options;
using Serverless.Core.Monitoring;
using Serverless.Core.Monitoring.DriftMonitoring;

namespace Serverless.Workflows.Monitoring;

/// <summary>
/// Starts <see cref="DriftOptions.RetrainOrchestration"/> with a <see cref="RetrainRequest"/> through the host's
/// <see cref="DurableTaskClient"/> (Functions: from <c>[DurableClient]</c>; local host: DTFx on Azurite).
/// </summary>
/// <remarks>Idempotent per instance id: an instance that already exists is not started again.</remarks>
public sealed class DurableRetrainStarter(DurableTaskClient client, IOptions<DriftOptions> options) : IRetrainStarter
{
    public async Task<string> StartAsync(string instanceId, RetrainRequest request, CancellationToken cancellationToken)
    {
        if (await client.GetInstanceAsync(instanceId, cancellationToken) is not null)
        {
            return instanceId;
        }

        return await client.ScheduleNewOrchestrationInstanceAsync(
            options.Value.RetrainOrchestration, request, new StartOrchestrationOptions(instanceId), cancellationToken);
    }
}
