using Microsoft.DurableTask;
using Serverless.Core.Rollout;

namespace Serverless.Workflows.Rollout;

/// <summary>
/// Ends a rollout in the deployment state: promote the candidate, or put the champion back on all traffic at once
/// (rollback and abort, each audited and notified through <see cref="IDeploymentNotifier"/>).
/// </summary>
/// <remarks>Idempotent (<see cref="DeploymentService"/>): a rerun finds the state already so and changes nothing.</remarks>
public sealed class FinishRolloutActivity(DeploymentService deployments) : TaskActivity<FinishRolloutInput, RolloutChange>
{
    public override async Task<RolloutChange> RunAsync(TaskActivityContext context, FinishRolloutInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var outcome = input.Action == "promote"
            ? await deployments.PromoteAsync(input.Model, input.Target, input.By, input.Why)
            : await deployments.RollbackAsync(input.Model, input.Target, input.By, input.Why, action: input.Action);
        return RolloutChanges.Of(outcome);
    }
}
