using Microsoft.Extensions.Options;
using Serverless.Api.Security;

namespace Serverless.LocalHost.Hosting;

/// <summary>Everything the local host registers, in one place; Program.cs stays a few lines.</summary>
internal static class LocalHostServiceCollectionExtensions
{
    public static WebApplicationBuilder AddLocalHostServices(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<LocalHostOptions>().BindConfiguration(LocalHostOptions.Section);
        services.AddApiKeyAuthorization();
        services.AddSingleton<IPostConfigureOptions<ApiKeyOptions>, ApiKeyFile>();

        // Hosted services start in registration order: storage first, then the sample model.
        services.AddHostedService<AzuriteLauncher>();
        services.AddHostedService<StartupBanner>();
        services.AddHostedService<SampleModelSeeder>();
        services.AddHostedService<Monitoring.DriftMonitorService>(); // the Functions app's DriftMonitor timer trigger
        services.AddHostedService<Retrain.RetrainScheduleService>(); // the Functions app's RetrainSchedule timer trigger

        builder.AddLocalTelemetry();
        return builder;
    }
}
