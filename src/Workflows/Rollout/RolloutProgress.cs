using Serverless.Core.Rollout.Health;

namespace Serverless.Workflows.Rollout;

/// <summary>
/// The custom status of <see cref="RolloutOrchestrator"/>: where the rollout stands, at every point (read by status
/// polls and dashboards, so it stays small).
/// </summary>
/// <param name="Stage"><c>plan</c>, <c>approval</c>, <c>shadow</c>, <c>canary</c>, <c>blue-green</c>, or the end (<c>promoted</c>, <c>rolled-back</c>, <c>aborted</c>, <c>rejected</c>).</param>
/// <param name="Step">1-based step of the plan (0 before the first).</param>
/// <param name="Weight">The candidate's percent of traffic now (shadow: of requests copied to it).</param>
/// <param name="State"><c>planning</c>, <c>awaiting-approval</c>, <c>setting-weights</c>, <c>baking</c>, <c>analysing</c>, <c>finishing</c>, <c>done</c>.</param>
/// <param name="Until">While baking: when the bake ends.</param>
/// <param name="Extensions">Times this step's bake was extended because the analysis was inconclusive.</param>
/// <param name="Health">The latest health analysis.</param>
public sealed record RolloutProgress(
    string Model,
    int Version,
    int? Champion,
    string Plan,
    string Stage,
    int Step,
    int Steps,
    int Weight,
    string State,
    string Detail,
    DateTime? Until = null,
    int Extensions = 0,
    HealthReport? Health = null);
