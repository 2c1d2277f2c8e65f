using Microsoft.DurableTask.Client;
using Serverless.Core.Rollout;

namespace Serverless.Api.Rollout;

/// <summary>
/// <see cref="IRolloutSignal"/> over the host's <see cref="DurableTaskClient"/> (Durable Functions' client binding in Azure,
/// the DTFx client locally): raises <c>Rollback</c> on the rollout instance when it is still running.
/// </summary>
internal sealed class DurableRolloutSignal(DurableTaskClient client) : IRolloutSignal
{
    public async Task<bool> SignalRollbackAsync(string instanceId, RollbackSignal signal, CancellationToken cancellationToken)
    {
        if (await client.GetInstanceAsync(instanceId, getInputsAndOutputs: false, cancellationToken) is not { IsCompleted: false })
        {
            return false;
        }

        await client.RaiseEventAsync(instanceId, IRolloutSignal.EventName, signal, cancellationToken);
        return true;
    }
}
