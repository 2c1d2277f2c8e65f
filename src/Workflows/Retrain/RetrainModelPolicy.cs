using System.ComponentModel.DataAnnotations;
using Serverless.Core.Validation;

namespace Serverless.Workflows.Retrain;

/// <summary>One model's retrain policy (<c>Retrain:Models:{name}</c>); an unset property takes the default from <see cref="RetrainOptions"/>.</summary>
public sealed class RetrainModelPolicy
{
    /// <summary>This model's approvers, comma-separated mail addresses.</summary>
    public string? Approvers { get; set; }

    [Range(1, 20)]
    public int? RequiredApprovals { get; set; }

    [Range(typeof(TimeSpan), "00:00:05", "30.00:00:00")]
    public TimeSpan? ApprovalTimeout { get; set; }

    /// <summary>This model's validation gates; unset takes the task's default (<c>Validation:Classification</c> or <c>:Regression</c>).</summary>
    public ValidationPolicy? Validation { get; set; }
}
