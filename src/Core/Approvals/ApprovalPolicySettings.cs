namespace Serverless.Core.Approvals;

/// <summary>
/// Who approves a model's lifecycle steps, as settings: the defaults (<c>Approvals:Default</c>) or one model's entry
/// (<c>Approvals:Models:{model}</c>), where a property left unset (null) takes the default's. Read by the retrain
/// workflow (approving a candidate's rollout) and the rollout workflow (its start and its steps) alike.
/// </summary>
/// <remarks>Checked at start (<see cref="ApprovalOptionsValidator"/>); <see cref="ApprovalOptions.PolicyFor"/> resolves one model's.</remarks>
public sealed class ApprovalPolicySettings
{
    /// <summary>Comma- or semicolon-separated mail addresses. Empty: nobody can approve, so retrain rolls nothing out.</summary>
    public string? Approvers { get; set; }

    /// <summary>How many different approvers must approve (one rejection decides); 1 to the number of approvers.</summary>
    public int? RequiredApprovals { get; set; }

    /// <summary>How long approvers have before the request counts as rejected (one reminder at half time).</summary>
    public TimeSpan? Timeout { get; set; }

    /// <summary>Whether a rollout started by the rollouts route needs an approval to begin (retrain's rollouts were approved already).</summary>
    public bool? ApproveStart { get; set; }

    /// <summary>
    /// Traffic percents (<c>25,100</c>) a rollout may reach only with a fresh approval: before the first step whose
    /// candidate share reaches each one, the approvers are asked again. Empty: no step approvals.
    /// </summary>
    public string? ApproveSteps { get; set; }
}
