using Microsoft.DurableTask;
using Microsoft.DurableTask.Converters;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Serverless.Core.Serialization;

namespace Serverless.Workflows;

/// <summary>Registration of orchestrators and activities, shared by both hosts.</summary>
public static class WorkflowServiceCollectionExtensions
{
    /// <summary>
    /// Adds orchestrators and activities to the <see cref="WorkflowCatalog"/> (may be called by each area), and the
    /// one <see cref="DataConverter"/> for workflow payloads: System.Text.Json with <see cref="JsonDefaults.Options"/>.
    /// </summary>
    public static IServiceCollection AddWorkflows(this IServiceCollection services, Action<WorkflowCatalog> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        services.Configure(configure);
        services.TryAddSingleton<DataConverter>(WorkflowJson.Converter);
        return services;
    }
}
