using Serverless.Core.Approvals;

namespace Serverless.Workflows.Approvals;

/// <summary>The input of <see cref="SendApprovalNoticeActivity"/>: the notice and whether it is the reminder.</summary>
public sealed record SendApprovalNoticeInput(ApprovalNotice Notice, bool Reminder);
