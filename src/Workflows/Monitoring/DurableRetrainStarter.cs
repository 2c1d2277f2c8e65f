using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Options;
using Serverless.Core.Monitoring;
using Serverless.Core.Monitoring.DriftMonitoring;
using Serverless.Workflows.Retrain;

namespace Serverless.Workflows.Monitoring;

/// <summary>
/// Starts <see cref="DriftOptions.RetrainOrchestration"/> with a <see cref="RetrainRequest"/> through the host's
/// <see cref="DurableTaskClient"/> (Functions: from <c>[DurableClient]</c>; local host: DTFx on Azurite), by
/// <see cref="RetrainStarter"/>: under the model's retrain instance id, joining a retrain already running.
/// </summary>
/// <remarks>Idempotent while the retrain runs: a second start returns the running instance's id.</remarks>
public sealed class DurableRetrainStarter(DurableTaskClient client, IOptions<DriftOptions> options) : IRetrainStarter
{
    public async Task<string> StartAsync(RetrainRequest request, CancellationToken cancellationToken)
    {
        var start = await RetrainStarter.StartAsync(client, request, cancellationToken, options.Value.RetrainOrchestration);
        return start.InstanceId;
    }
}
