namespace Serverless.Core.Approvals;

/// <summary>One model's approval policy, resolved from settings (<see cref="ApprovalOptions.PolicyFor"/>) and carried by the workflow that uses it.</summary>
/// <param name="Approvers">Who is asked, each once.</param>
/// <param name="RequiredApprovals">Approvals from different approvers needed; one rejection decides.</param>
/// <param name="Timeout">No decision by then is a rejection.</param>
/// <param name="ApproveStart">A rollout started by the route asks before it begins.</param>
/// <param name="ApproveSteps">Traffic percents a rollout may reach only with a fresh approval, rising.</param>
/// <param name="Source">Where it came from, for messages: <c>Approvals:Models:churn</c> or <c>Approvals:Default</c>.</param>
public sealed record ApprovalPolicy(
    IReadOnlyList<string> Approvers,
    int RequiredApprovals,
    TimeSpan Timeout,
    bool ApproveStart,
    IReadOnlyList<int> ApproveSteps,
    string Source)
{
    /// <summary>Asks for nothing and names no one: for checking a plan's shape alone.</summary>
    public static ApprovalPolicy None { get; } = new([], 1, TimeSpan.FromHours(72), false, [], "none");

    /// <summary>Whether a step that raises the candidate from <paramref name="from"/> to <paramref name="to"/> percent crosses an approval threshold.</summary>
    public bool NeedsApproval(int from, int to) => ApproveSteps.Any(threshold => from < threshold && to >= threshold);
}
