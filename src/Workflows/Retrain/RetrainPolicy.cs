using Serverless.Core.Validation;

namespace Serverless.Workflows.Retrain;

/// <summary>The policy one retrain runs under, resolved once from settings (<see cref="RetrainOptions.PolicyFor"/>) and kept in its history.</summary>
/// <param name="Validation">The model's own gates; null takes the task's default.</param>
public sealed record RetrainPolicy(IReadOnlyList<string> Approvers, int RequiredApprovals, TimeSpan ApprovalTimeout, ValidationPolicy? Validation);
