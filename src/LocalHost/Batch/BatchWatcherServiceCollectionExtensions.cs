namespace Serverless.LocalHost.Batch;

internal static class BatchWatcherServiceCollectionExtensions
{
    /// <summary>The watcher that plays the blob triggers' part locally; batch scoring itself comes with AddServingApi.</summary>
    public static IServiceCollection AddBatchWatcher(this IServiceCollection services)
    {
        services.AddOptions<BatchWatcherOptions>().BindConfiguration(BatchWatcherOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddHostedService<BatchBlobWatcher>();
        return services;
    }
}
