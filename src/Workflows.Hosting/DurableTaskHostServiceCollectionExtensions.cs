using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Serverless.Core.Storage;

namespace Serverless.Workflows.Hosting;

/// <summary>Registration of the Durable Task Framework worker and client in a host outside Functions.</summary>
public static class DurableTaskHostServiceCollectionExtensions
{
    /// <summary>
    /// Adds DTFx on the Azure Storage backend as a hosted service running the <see cref="WorkflowCatalog"/>, and a
    /// <see cref="DurableTaskClient"/> over it. Storage is the account of <c>AzureWebJobsStorage</c> unless the
    /// "DurableTask" section or <paramref name="configure"/> says otherwise.
    /// </summary>
    public static IServiceCollection AddDurableTaskHost(this IServiceCollection services, Action<DurableTaskHostOptions>? configure = null)
    {
        var options = services.AddOptions<DurableTaskHostOptions>()
            .BindConfiguration(DurableTaskHostOptions.Section)
            .Configure<IConfiguration>(UseHostSettings);
        if (configure is not null)
        {
            options.Configure(configure);
        }

        options
            .Validate(o => o.ConnectionString is { Length: > 0 } || (o.BlobServiceUri, o.QueueServiceUri, o.TableServiceUri, o.Credential) is ({ }, { }, { }, { }),
                "Durable Task storage is not configured: set AzureWebJobsStorage.")
            .Validate(o => TaskHubNames.IsValid(o.TaskHubName),
                "The task hub name must be 3-45 letters and digits and start with a letter.")
            .Validate(o => o.PartitionCount is >= 1 and <= 16, "DurableTask:PartitionCount must be 1-16.")
            .Validate(o => o.LeaseRenewInterval < o.LeaseInterval && o.LeaseAcquireInterval > TimeSpan.Zero,
                "DurableTask:LeaseRenewInterval must be shorter than LeaseInterval.")
            .Validate(o => o.ControlQueueVisibilityTimeout >= TimeSpan.FromSeconds(1) && o.WorkItemQueueVisibilityTimeout >= TimeSpan.FromSeconds(1),
                "DurableTask visibility timeouts must be at least 1 second.")
            .Validate(o => o.MaxQueuePollingInterval > TimeSpan.Zero && o.MaxConcurrentOrchestrations > 0 && o.MaxConcurrentActivities > 0,
                "DurableTask polling interval and concurrency limits must be positive.")
            .ValidateOnStart();
        services.AddOptions<WorkflowCatalog>();
        services.TryAddSingleton<DataConverter>(WorkflowJson.Converter);
        services.TryAddSingleton<LocalTaskHub>();
        services.TryAddSingleton<TaskHubWorkerService>();
        services.AddHostedService(sp => sp.GetRequiredService<TaskHubWorkerService>());
        services.TryAddSingleton<DurableTaskClient, LocalDurableTaskClient>();
        return services;
    }

    private static void UseHostSettings(DurableTaskHostOptions options, IConfiguration configuration)
    {
        if (configuration[DurableTaskHostOptions.HubNameSetting] is { Length: > 0 } hubName)
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
            options.BlobServiceUri = StorageConnection.ServiceUri(configuration, "blob");
            options.QueueServiceUri = StorageConnection.ServiceUri(configuration, "queue");
            options.TableServiceUri = StorageConnection.ServiceUri(configuration, "table");
            options.Credential = StorageConnection.Credential(configuration);
        }
    }
}
