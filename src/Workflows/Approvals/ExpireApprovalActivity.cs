using Microsoft.DurableTask;
using Serverless.Core.Approvals;

namespace Serverless.Workflows.Approvals;

/// <summary>Closes a timed-out approval request in the ledger, so its links refuse decisions from now on (410).</summary>
/// <remarks>Idempotent; input is the approval orchestration's instance id. Returns false when a decision got there first.</remarks>
public sealed class ExpireApprovalActivity(ApprovalLedger ledger) : TaskActivity<string, bool>
{
    public override Task<bool> RunAsync(TaskActivityContext context, string input) => ledger.ExpireAsync(input);
}
