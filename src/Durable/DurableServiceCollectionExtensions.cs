using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Serverless.Core.Storage;
using Serverless.Core.Workflows;

namespace Serverless.Durable;

/// <summary>Registration of the embedded engine in a host (the local host; tests).</summary>
public static class DurableServiceCollectionExtensions
{
    /// <summary>The setting host.json's <c>hubName</c> refers to, shared with the Functions app.</summary>
    public const string HubNameSetting = "DurableTaskHubName";

    /// <summary>
    /// Adds the engine as a hosted service and <see cref="IWorkflowClient"/> over it. Storage is the account of
    /// <c>AzureWebJobsStorage</c> unless the "DurableEngine" section or <paramref name="configure"/> says otherwise.
    /// </summary>
    /// <remarks>Orchestrators and activities are added with <see cref="WorkflowServiceCollectionExtensions.AddWorkflows"/>.</remarks>
    public static IServiceCollection AddDurableEngine(this IServiceCollection services, Action<DurableEngineOptions>? configure = null)
    {
        var options = services.AddOptions<DurableEngineOptions>()
            .BindConfiguration(DurableEngineOptions.Section)
            .Configure<IConfiguration>(UseHostStorage);
        if (configure is not null)
        {
            options.Configure(configure);
        }

        options
            .Validate(o => o.ConnectionString is { Length: > 0 } || (o.TableServiceUri is not null && o.QueueServiceUri is not null), "Durable engine storage is not configured.")
            .Validate(o => o.LeaseDuration > TimeSpan.Zero && o.ControlVisibilityTimeout >= TimeSpan.FromSeconds(1), "Lease and visibility timeouts must be positive.")
            .ValidateOnStart();
        services.AddOptions<WorkflowRegistry>();
        services.TryAddSingleton(sp => new DurableEngine(
            sp.GetRequiredService<IOptions<DurableEngineOptions>>().Value,
            sp.GetRequiredService<IOptions<WorkflowRegistry>>().Value,
            sp,
            sp.GetRequiredService<ILoggerFactory>()));
        services.AddHostedService(sp => sp.GetRequiredService<DurableEngine>());
        services.TryAddSingleton<IWorkflowClient>(sp => new DurableWorkflowClient(
            sp.GetRequiredService<IOptions<DurableEngineOptions>>().Value,
            sp.GetRequiredService<ILogger<DurableWorkflowClient>>()));
        return services;
    }

    private static void UseHostStorage(DurableEngineOptions options, IConfiguration configuration)
    {
        if (configuration[HubNameSetting] is { Length: > 0 } hubName)
        {
            options.TaskHubName = hubName;
        }

        if (options.ConnectionString is { Length: > 0 } || options.TableServiceUri is not null)
        {
            return;
        }

        options.ConnectionString = StorageConnection.GetConnectionString(configuration);
        if (options.ConnectionString is null && configuration.GetSection(StorageConnection.SettingName).Exists())
        {
            options.TableServiceUri = StorageConnection.ServiceUri(configuration, "table");
            options.QueueServiceUri = StorageConnection.ServiceUri(configuration, "queue");
            options.Credential = StorageConnection.Credential(configuration);
        }
    }
}
