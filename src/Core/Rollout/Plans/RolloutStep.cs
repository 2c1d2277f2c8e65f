using Serverless.Core.Models;

namespace Serverless.Core.Rollout.Plans;

/// <summary>One step of a plan: the traffic the candidate gets, whether it bakes and is analysed, whether it needs an approval first.</summary>
/// <param name="Stage"><c>shadow</c>, <c>canary</c> or <c>blue-green</c>, for people and the custom status.</param>
/// <param name="Weight">The candidate's percent (in shadow mode: the percent of requests copied to it).</param>
/// <param name="Bake">False for a step that only prepares (blue-green's green at 0 %: loaded and verified, no traffic to judge).</param>
/// <param name="NeedsApproval">A fresh approval is asked before the weights change.</param>
public sealed record RolloutStep(string Stage, DeploymentMode Mode, int Weight, bool Bake, bool NeedsApproval);
