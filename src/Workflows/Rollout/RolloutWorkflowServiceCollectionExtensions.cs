using Microsoft.Extensions.DependencyInjection;

namespace Serverless.Workflows.Rollout;

/// <summary>Registration of the rollout workflow, the same in both hosts.</summary>
public static class RolloutWorkflowServiceCollectionExtensions
{
    /// <summary>
    /// Adds <see cref="RolloutOrchestrator"/> and its activities to the catalog. Needs the control plane (<c>AddRollout</c>),
    /// monitoring (<c>AddMonitoring</c>) and the approval workflow, which AddServingApi registers.
    /// </summary>
    public static IServiceCollection AddRolloutWorkflow(this IServiceCollection services) =>
        services.AddWorkflows(catalog => catalog
            .AddOrchestrator<RolloutOrchestrator>(RolloutNames.Orchestrator)
            .AddActivity<PlanRolloutActivity>()
            .AddActivity<SetRolloutWeightActivity>()
            .AddActivity<AnalyzeRolloutHealthActivity>()
            .AddActivity<FinishRolloutActivity>());
}
