using Serverless.Core.Approvals;

namespace Serverless.Core.Rollout.Plans;

/// <summary>A resolved plan, as the rollout orchestration carries it (so a settings change never alters a running rollout).</summary>
/// <param name="Name">The plan's strategy (<c>canary</c>, <c>blue-green</c>).</param>
/// <param name="Source">Where it came from: <c>Rollout:Plans:churn</c>, <c>Rollout:Canary</c>, ...</param>
/// <param name="Approval">The model's approval policy: who approves the start (when asked) and the steps marked <see cref="RolloutStep.NeedsApproval"/>.</param>
public sealed record RolloutPlan(
    string Name,
    string Source,
    IReadOnlyList<RolloutStep> Steps,
    TimeSpan Bake,
    int MaxExtensions,
    ApprovalPolicy Approval);
