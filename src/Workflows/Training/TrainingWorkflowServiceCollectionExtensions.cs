using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Serverless.Training;

namespace Serverless.Workflows.Training;

/// <summary>Registration of the training workflow, the same in both hosts.</summary>
public static class TrainingWorkflowServiceCollectionExtensions
{
    /// <summary>
    /// Adds <see cref="TrainModelOrchestrator"/> and its activities, the training limits (section <c>Training</c>) and the
    /// snapshot container (section <c>TrainingWorkflow</c>). Needs the registry and its BlobServiceClient (AddServingApi).
    /// </summary>
    public static IServiceCollection AddTrainingWorkflow(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<TrainingOptions>().Bind(configuration.GetSection(TrainingOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<TrainingWorkflowOptions>().Bind(configuration.GetSection(TrainingWorkflowOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        return services.AddWorkflows(catalog => catalog
            .AddOrchestrator<TrainModelOrchestrator>()
            .AddActivity<SnapshotTrainingDataActivity>()
            .AddActivity<TrainCandidateActivity>());
    }
}
