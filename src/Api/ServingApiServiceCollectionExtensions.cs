using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Serverless.Api.Approvals;
using Serverless.Api.Batch;
using Serverless.Api.Capacity;
using Serverless.Api.Gpu;
using Serverless.Api.Models;
using Serverless.Api.Monitoring;
using Serverless.Api.Retrain;
using Serverless.Api.Rollout;
using Serverless.Api.Scoring;
using Serverless.Api.Training;
using Serverless.Api.Workflows;
using Serverless.Core.Approvals;
using Serverless.Core.Batch;
using Serverless.Core.Models;
using Serverless.Core.Monitoring;
using Serverless.Core.Rollout;
using Serverless.Core.Scoring;
using Serverless.Core.Validation;
using Serverless.Workflows.Training;
using Serverless.Workflows.Approvals;
using Serverless.Workflows.Rollout;
using Serverless.Workflows.Retrain;
using Serverless.Workflows.Validation;

namespace Serverless.Api;

public static class ServingApiServiceCollectionExtensions
{
    /// <summary>
    /// Everything the HTTP surface needs, the same in both hosts: the model registry, scoring, batch scoring, monitoring and
    /// the handlers the hosts bind their routes to (<see cref="ModelManagementHandler"/>, <see cref="ScoringHandler"/>,
    /// <see cref="OpenInferenceHandler"/>, <see cref="BatchJobHandler"/>, <see cref="CapacityHandler"/>,
    /// <see cref="StatsHandler"/>, <see cref="TrainingHandler"/>, <see cref="FeedbackHandler"/>, <see cref="AccuracyHandler"/>, <see cref="DriftChecksHandler"/>, <see cref="ApprovalHandler"/>, <see cref="DeploymentHandler"/>, <see cref="RolloutHandler"/>, <see cref="WorkflowHandler"/>, <see cref="RetrainHandler"/>, <see cref="AutomationHandler"/>, <see cref="ReviewHandler"/>) and the workflows they start, and the deployment control plane. Options are validated at start.
    /// </summary>
    public static IServiceCollection AddServingApi(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddModelRegistry(configuration);
        services.AddScoring(configuration);
        services.AddBatchScoring(configuration);
        services.AddMonitoring(configuration);
        services.AddGpuForwarding(configuration);
        services.AddRollout(configuration);
        services.TryAddSingleton<ModelManagementHandler>();
        services.TryAddSingleton<ScoringHandler>();
        services.TryAddSingleton<OpenInferenceHandler>();
        services.TryAddSingleton<BatchJobHandler>();
        services.TryAddSingleton<CapacityHandler>();
        services.TryAddSingleton<StatsHandler>();
        services.TryAddSingleton<TrainingHandler>();
        services.AddTrainingWorkflow(configuration);
        services.TryAddSingleton<FeedbackHandler>();
        services.TryAddSingleton<AccuracyHandler>();
        services.AddApprovals(configuration);
        services.TryAddSingleton<ApprovalHandler>();
        services.AddApprovalWorkflow();
        services.TryAddSingleton<DriftChecksHandler>();
        services.AddValidation(configuration);
        services.AddValidationWorkflow();
        services.AddRolloutWorkflow();
        services.TryAddSingleton<RolloutHandler>();
        services.TryAddSingleton<WorkflowHandler>();
        services.AddRetrainWorkflow(configuration);
        services.TryAddSingleton<RetrainHandler>();
        services.TryAddSingleton<DeploymentHandler>();
        services.TryAddSingleton<AlertHandler>();
        services.TryAddSingleton<AutomationHandler>();
        services.TryAddSingleton<ReviewHandler>();
        return services;
    }
}
