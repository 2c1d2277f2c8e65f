using Microsoft.Extensions.DependencyInjection;

namespace Serverless.Workflows.Approvals;

/// <summary>Registration of the approval workflow, the same in both hosts.</summary>
public static class ApprovalWorkflowServiceCollectionExtensions
{
    /// <summary>
    /// Adds <see cref="ApprovalOrchestrator"/>, <see cref="SendApprovalNoticeActivity"/> and <see cref="ExpireApprovalActivity"/> to the catalog. Needs
    /// approvals registered (<c>AddApprovals</c>: ledger, signer, mail), which AddServingApi does.
    /// </summary>
    public static IServiceCollection AddApprovalWorkflow(this IServiceCollection services) =>
        services.AddWorkflows(catalog => catalog
            .AddOrchestrator<ApprovalOrchestrator>()
            .AddActivity<SendApprovalNoticeActivity>()
            .AddActivity<ExpireApprovalActivity>());
}
