using Serverless.Core.Approvals;
using Serverless.Core.Validation;

namespace Serverless.Workflows.Retrain;

/// <summary>The policy one retrain runs under, resolved once from settings and kept in its history.</summary>
/// <param name="Approval">The model's approval policy (<see cref="ApprovalOptions.PolicyFor"/>), the one its rollouts use too.</param>
/// <param name="Validation">The model's own gates (<c>Retrain:Models:{model}:Validation</c>); null takes the task's default.</param>
public sealed record RetrainPolicy(ApprovalPolicy Approval, ValidationPolicy? Validation);
