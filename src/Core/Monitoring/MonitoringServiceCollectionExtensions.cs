using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Serverless.Core.Storage;

namespace Serverless.Core.Monitoring;

public static class MonitoringServiceCollectionExtensions
{
    /// <summary>
    /// Registers monitoring: <see cref="MonitoringOptions"/> (section "Monitoring", validated at start-up), the
    /// <see cref="ScoringInstruments"/> meter, the hot path's <see cref="ScoringRecorder"/>, the Table Storage
    /// <see cref="WindowStore"/> (also as <see cref="IWindowReader"/>) and the background <see cref="WindowFlusher"/>.
    /// Needs the host's <see cref="System.Diagnostics.Metrics.IMeterFactory"/> (every .NET generic host registers one).
    /// </summary>
    public static IServiceCollection AddMonitoring(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<MonitoringOptions>().Bind(configuration.GetSection(MonitoringOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(_ => StorageConnection.CreateTableServiceClient(configuration));
        services.TryAddSingleton<ScoringInstruments>();
        services.TryAddSingleton<ScoringRecorder>();
        services.TryAddSingleton<WindowStore>();
        services.TryAddSingleton<IWindowReader>(sp => sp.GetRequiredService<WindowStore>());
        services.TryAddSingleton<WindowFlusher>();
        services.AddHostedService(sp => sp.GetRequiredService<WindowFlusher>());
        return services;
    }
}
