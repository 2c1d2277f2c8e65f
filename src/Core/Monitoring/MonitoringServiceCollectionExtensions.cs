using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Serverless.Core.Monitoring.DriftMonitoring;
using Serverless.Core.Monitoring.GroundTruth;
using Serverless.Core.Monitoring.Review;
using Serverless.Core.Scoring;
using Serverless.Core.Storage;

namespace Serverless.Core.Monitoring;

public static class MonitoringServiceCollectionExtensions
{
    /// <summary>
    /// Registers monitoring: <see cref="MonitoringOptions"/> (section "Monitoring", validated at start-up), the
    /// <see cref="ScoringInstruments"/> meter, the hot path's <see cref="ScoringRecorder"/> (also as the scoring paths' <see cref="IScoringObserver"/>), the Table Storage
    /// <see cref="WindowStore"/> (also as <see cref="IWindowReader"/>), the background <see cref="WindowFlusher"/>, ground truth
    /// (the sampled prediction log, feedback, live accuracy and the review queue), and the scheduled <see cref="DriftMonitor"/> (the hosts run it).
    /// </summary>
    public static IServiceCollection AddMonitoring(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<MonitoringOptions>().Bind(configuration.GetSection(MonitoringOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddMetrics(); // IMeterFactory; idempotent, hosts register it too
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(_ => StorageConnection.CreateTableServiceClient(configuration));
        services.AddOptions<DriftOptions>().Bind(configuration.GetSection(DriftOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton<ScoringInstruments>();
        services.TryAddSingleton<ScoringRecorder>();
        services.Replace(ServiceDescriptor.Singleton<IScoringObserver>(sp => sp.GetRequiredService<ScoringRecorder>()));
        services.TryAddSingleton<WindowStore>();
        services.TryAddSingleton<IWindowReader>(sp => sp.GetRequiredService<WindowStore>());
        services.TryAddSingleton<ModelStatsService>();
        services.TryAddSingleton<WindowFlusher>();
        services.AddHostedService(sp => sp.GetRequiredService<WindowFlusher>());
        services.AddGroundTruth(configuration);
        services.TryAddSingleton<DriftCheckStore>();
        services.TryAddSingleton<IDriftNotifier, LogDriftNotifier>();
        services.TryAddSingleton<DriftMonitor>();
        return services;
    }

    private static void AddGroundTruth(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<PredictionLogOptions>().Bind(configuration.GetSection(PredictionLogOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<FeedbackOptions>().Bind(configuration.GetSection(FeedbackOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton<PredictionLog>();
        services.TryAddSingleton<PredictionLogStore>();
        services.TryAddSingleton<PredictionLogWriter>();
        services.AddHostedService(sp => sp.GetRequiredService<PredictionLogWriter>());
        services.AddOptions<ReviewOptions>().Bind(configuration.GetSection(ReviewOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton<ReviewQueueStore>();
        services.TryAddSingleton<ReviewService>();
        services.TryAddSingleton<FeedbackStore>();
        services.TryAddSingleton<FeedbackService>();
        services.TryAddSingleton<AccuracyService>();
    }
}
