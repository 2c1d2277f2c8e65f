using Serverless.Core.Rollout.Plans;

namespace Serverless.Workflows.Rollout;

/// <summary>The output of <see cref="PlanRolloutActivity"/>: the plan and the champion it starts from, or why the rollout cannot start.</summary>
/// <param name="Champion">The version serving when the rollout starts: what failure and abort restore.</param>
public sealed record RolloutStart(RolloutPlan? Plan, int? Champion, string? Error);
