namespace Serverless.Core.Rollout.Plans;

/// <summary>
/// A rollout plan as settings (<c>Rollout:Canary</c>, <c>Rollout:BlueGreen</c>, or a model's own
/// <c>Rollout:Plans:{model}</c>): the strategy, its steps and bake. Who approves the start and which steps is the
/// model's approval policy (<c>Approvals:Default</c>, <c>Approvals:Models:{model}</c>), not the plan's.
/// Lists are comma-separated text so one app setting holds each (<c>Rollout__Canary__Steps=5,25,50,100</c>).
/// </summary>
/// <remarks>Checked at start (<see cref="RolloutOptionsValidator"/>); <see cref="RolloutPlanner"/> turns it into a <see cref="RolloutPlan"/>.</remarks>
public sealed class RolloutPlanSettings
{
    /// <summary><c>canary</c> or <c>blue-green</c>.</summary>
    public string Strategy { get; set; } = RolloutPlanner.Canary;

    /// <summary>Canary: the challenger's percent at each step, rising, ending at 100. Blue-green ignores it (0, then 100).</summary>
    public string Steps { get; set; } = "5,25,50,100";

    /// <summary>How long each step bakes before its health analysis.</summary>
    public TimeSpan Bake { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>A shadow stage first: the candidate scores a copy of <see cref="ShadowPercent"/> percent of requests, off the response path, for one bake.</summary>
    public bool Shadow { get; set; }

    public int ShadowPercent { get; set; } = 100;

    /// <summary>How many times an inconclusive analysis (too few samples) extends a step's bake before the step fails.</summary>
    public int MaxExtensions { get; set; } = 2;
}
