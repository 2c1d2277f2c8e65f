using Microsoft.Extensions.DependencyInjection;

namespace Serverless.Core.Workflows;

/// <summary>Registration of orchestrators and activities, shared by both hosts.</summary>
public static class WorkflowServiceCollectionExtensions
{
    /// <summary>Adds orchestrators and activities to the <see cref="WorkflowRegistry"/>; may be called by each area.</summary>
    public static IServiceCollection AddWorkflows(this IServiceCollection services, Action<WorkflowRegistry> configure)
    {
        services.Configure(configure);
        return services;
    }
}
