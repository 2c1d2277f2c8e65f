using DurableTask.AzureStorage;
using DurableTask.AzureStorage.Partitioning;
using Microsoft.Extensions.Logging;

namespace Serverless.Workflows.Hosting;

/// <summary>Builds DTFx's Azure Storage backend from <see cref="DurableTaskHostOptions"/>.</summary>
internal static class OrchestrationServiceFactory
{
    public static AzureStorageOrchestrationService Create(DurableTaskHostOptions options, ILoggerFactory loggerFactory) =>
        new(new AzureStorageOrchestrationServiceSettings
        {
            TaskHubName = options.TaskHubName,
            StorageAccountClientProvider = options.ConnectionString is { Length: > 0 } connectionString
                ? new StorageAccountClientProvider(connectionString)
                : new StorageAccountClientProvider(options.BlobServiceUri!, options.QueueServiceUri!, options.TableServiceUri!, options.Credential!),
            PartitionCount = options.PartitionCount,
            MaxQueuePollingInterval = options.MaxQueuePollingInterval,
            LeaseInterval = options.LeaseInterval,
            LeaseRenewInterval = options.LeaseRenewInterval,
            LeaseAcquireInterval = options.LeaseAcquireInterval,
            ControlQueueVisibilityTimeout = options.ControlQueueVisibilityTimeout,
            WorkItemQueueVisibilityTimeout = options.WorkItemQueueVisibilityTimeout,
            MaxConcurrentTaskOrchestrationWorkItems = options.MaxConcurrentOrchestrations,
            MaxConcurrentTaskActivityWorkItems = options.MaxConcurrentActivities,
            WorkerId = options.WorkerId,
            UseAppLease = options.UseAppLease,
            AppLeaseOptions = new AppLeaseOptions { AcquireInterval = options.AppLeaseAcquireInterval },
            // A start for an id that is pending, running or suspended is refused with OrchestrationAlreadyExistsException
            // rather than silently dropped, so callers can answer 409.
            ThrowExceptionOnInvalidDedupeStatus = true,
            LoggerFactory = loggerFactory,
        });
}
