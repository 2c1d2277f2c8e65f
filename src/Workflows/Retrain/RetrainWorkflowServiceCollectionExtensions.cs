using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Serverless.Workflows.Retrain;

/// <summary>Registration of the retrain workflow, the same in both hosts.</summary>
public static class RetrainWorkflowServiceCollectionExtensions
{
    /// <summary>
    /// Adds <see cref="RetrainOrchestrator"/> and <see cref="PrepareRetrainActivity"/> to the catalog, the policy and
    /// schedule settings (section <c>Retrain</c>, validated at start) and the <see cref="RetrainScheduler"/>. It runs the
    /// training, validation and approval workflows' activities and calls the rollout orchestrator, so those are needed too
    /// (AddServingApi adds them all).
    /// </summary>
    public static IServiceCollection AddRetrainWorkflow(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<RetrainOptions>().Bind(configuration.GetSection(RetrainOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<RetrainScheduler>();
        return services.AddWorkflows(catalog => catalog
            .AddOrchestrator<RetrainOrchestrator>()
            .AddActivity<PrepareRetrainActivity>());
    }
}
