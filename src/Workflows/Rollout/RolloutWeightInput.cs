using Serverless.Core.Models;

namespace Serverless.Workflows.Rollout;

/// <summary>The input of <see cref="SetRolloutWeightActivity"/>: give <paramref name="Version"/> <paramref name="Weight"/> percent in <paramref name="Mode"/>.</summary>
/// <param name="InstanceId">The rollout instance, recorded in the deployment state so a rollback (an alert) can signal it.</param>
public sealed record RolloutWeightInput(string Model, int Version, DeploymentMode Mode, int Weight, string InstanceId, string Why);
