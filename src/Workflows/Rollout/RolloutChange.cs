namespace Serverless.Workflows.Rollout;

/// <summary>What a rollout activity did to the deployment state: whether it holds what was asked, the routing now, or why not.</summary>
/// <param name="Ok">The state is what was asked (changed now, or already so on a retry).</param>
/// <param name="Routing">The routing after the call (<c>canary champion=2 challenger=3 weight=25</c>).</param>
public sealed record RolloutChange(bool Ok, string? Routing, string? Error);
