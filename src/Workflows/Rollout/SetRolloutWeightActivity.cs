using Microsoft.DurableTask;
using Serverless.Core.Rollout;

namespace Serverless.Workflows.Rollout;

/// <summary>Gives the candidate its step's share of traffic (<see cref="DeploymentService.SetChallengerWeightAsync"/>), recording the rollout instance as the driver.</summary>
/// <remarks>
/// ETag-safe and idempotent: a rerun finds the state already so and writes nothing. A candidate that cannot take traffic
/// (refused after failing to load, artifact not verifying) is not an error to retry: it answers <see cref="RolloutChange.Ok"/> false with why.
/// </remarks>
public sealed class SetRolloutWeightActivity(DeploymentService deployments) : TaskActivity<RolloutWeightInput, RolloutChange>
{
    public override async Task<RolloutChange> RunAsync(TaskActivityContext context, RolloutWeightInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var outcome = await deployments.SetChallengerWeightAsync(input.Model, input.Version, input.Weight, input.InstanceId, input.InstanceId, input.Why, input.Mode);
        return RolloutChanges.Of(outcome);
    }
}
