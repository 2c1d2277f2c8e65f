using Microsoft.DurableTask;
using Serverless.Core.Approvals;

namespace Serverless.Workflows.Approvals;

/// <summary>Opens the approval request in the ledger and mails the approvers who have not decided (<see cref="ApprovalNotifier"/>).</summary>
/// <remarks>
/// At least once: a rerun mails fresh links for the same request (the ledger row is created once, so nobody can decide
/// twice). Returns the approvers mailed; none once the request is decided.
/// </remarks>
public sealed class SendApprovalNoticeActivity(ApprovalNotifier notifier) : TaskActivity<SendApprovalNoticeInput, string[]>
{
    public override async Task<string[]> RunAsync(TaskActivityContext context, SendApprovalNoticeInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return [.. await notifier.SendAsync(input.Notice, input.Reminder)];
    }
}
