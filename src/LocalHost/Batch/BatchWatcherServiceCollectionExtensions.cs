using Serverless.Core.Batch;

namespace Serverless.LocalHost.Batch;

internal static class BatchWatcherServiceCollectionExtensions
{
    /// <summary>Batch scoring plus the watcher that plays the blob triggers' part locally.</summary>
    public static IServiceCollection AddBatchWatcher(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddBatchScoring(configuration);
        services.AddHostedService<BatchBlobWatcher>();
        return services;
    }
}
