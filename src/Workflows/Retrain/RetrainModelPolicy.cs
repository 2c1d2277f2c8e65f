using Serverless.Core.Validation;

namespace Serverless.Workflows.Retrain;

/// <summary>One model's retrain settings (<c>Retrain:Models:{name}</c>). Its approvers are its approval policy (<c>Approvals:Models:{name}</c>).</summary>
public sealed class RetrainModelPolicy
{
    /// <summary>This model's validation gates; unset takes the task's default (<c>Validation:Classification</c> or <c>:Regression</c>).</summary>
    public ValidationPolicy? Validation { get; set; }
}
