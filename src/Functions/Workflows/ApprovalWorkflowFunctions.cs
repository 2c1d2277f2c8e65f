using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using Serverless.Workflows.Approvals;

namespace Serverless.Functions.Workflows;

/// <summary>The approval workflow's orchestrator and activity, bound to the classes in src/Workflows.</summary>
public static class ApprovalWorkflowFunctions
{
    [Function(nameof(ApprovalOrchestrator))]
    public static Task<ApprovalResult> Orchestrate([OrchestrationTrigger] TaskOrchestrationContext context) =>
        new ApprovalOrchestrator().RunAsync(context, context.GetInput<ApprovalRequest>()!);

    [Function(nameof(SendApprovalNoticeActivity))]
    public static Task<string[]> SendNotice([ActivityTrigger] SendApprovalNoticeInput input, FunctionContext function) =>
        ActivityRunner.RunAsync<SendApprovalNoticeActivity, SendApprovalNoticeInput, string[]>(function, input);

    [Function(nameof(ExpireApprovalActivity))]
    public static Task<bool> Expire([ActivityTrigger] string input, FunctionContext function) =>
        ActivityRunner.RunAsync<ExpireApprovalActivity, string, bool>(function, input);
}
