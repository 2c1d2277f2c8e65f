namespace Serverless.Workflows.Rollout;

/// <summary>
/// The input of the rollout orchestration (<see cref="RolloutNames.Orchestrator"/>): move traffic from the champion to
/// <paramref name="Version"/> by the model's plan. Started by <c>POST /api/models/{name}/rollouts</c> or as a
/// sub-orchestration of retrain.
/// </summary>
/// <param name="Model">The model.</param>
/// <param name="Version">The registered candidate version to roll out.</param>
/// <param name="RequestedBy">Who asked (principal name, or the retrain instance that asked).</param>
/// <param name="Reason">Why, for the audit log and the approval email.</param>
/// <param name="StartApproved">
/// True when the start of the deployment was already approved (retrain asks for that approval before it calls rollout);
/// false makes the rollout ask for it when the model's policy requires one.
/// </param>
/// <param name="Plan">The plan by name (<c>canary</c>, <c>blue-green</c>, ...); null for the model's configured plan.</param>
public sealed record RolloutRequest(
    string Model,
    int Version,
    string RequestedBy,
    string Reason,
    bool StartApproved = false,
    string? Plan = null);
