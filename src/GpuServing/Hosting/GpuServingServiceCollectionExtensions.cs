using Azure.Monitor.OpenTelemetry.Exporter;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using Serverless.Core.Models;
using Serverless.Core.Storage;
using Serverless.GpuServing.Batching;
using Serverless.GpuServing.Execution;
using Serverless.GpuServing.Http;
using Serverless.GpuServing.Models;

namespace Serverless.GpuServing.Hosting;

/// <summary>Everything the GPU app registers, in one place; Program.cs stays a few lines.</summary>
internal static class GpuServingServiceCollectionExtensions
{
    public static WebApplicationBuilder AddGpuServing(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<GpuServingOptions>().BindConfiguration(GpuServingOptions.Section).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<GpuServingOptions>, GpuServingOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.AddModelRegistry(builder.Configuration);

        // Hosted services start in registration order: the provider check first, so a missing CUDA stops the app
        // before any model loads; the server starts listening after both have started.
        services.AddSingleton<SessionOptionsFactory>();
        services.AddHostedService<ExecutionProviderProbe>();
        services.AddSingleton<BatchingMetrics>();
        services.AddSingleton<ModelCatalog>();
        services.AddHostedService<ModelCatalogService>();
        services.AddSingleton<GpuInferenceHandler>();
        builder.AddGpuTelemetry();
        return builder;
    }

    /// <summary>
    /// OpenTelemetry metrics (the batching meter, ASP.NET Core, Kestrel): to Azure Monitor when
    /// <c>APPLICATIONINSIGHTS_CONNECTION_STRING</c> is set, to OTLP when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set.
    /// </summary>
    private static void AddGpuTelemetry(this WebApplicationBuilder builder)
    {
        var appInsights = builder.Configuration["APPLICATIONINSIGHTS_CONNECTION_STRING"];
        var otlp = builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"];
        if (string.IsNullOrEmpty(appInsights) && string.IsNullOrEmpty(otlp))
        {
            return;
        }

        builder.Services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService("serverless-ml-gpu"))
            .WithMetrics(metrics =>
            {
                metrics.AddMeter(BatchingMetrics.MeterName, "Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel");
                if (!string.IsNullOrEmpty(appInsights))
                {
                    // In Azure, Application Insights accepts only Entra tokens (local auth off, infra/bicep): with a
                    // managed identity configured for storage, the same identity signs the telemetry.
                    var managedIdentity = !string.IsNullOrEmpty(builder.Configuration.GetSection(StorageConnection.SettingName)["clientId"]);
                    metrics.AddAzureMonitorMetricExporter(o =>
                    {
                        o.ConnectionString = appInsights;
                        if (managedIdentity)
                        {
                            o.Credential = StorageConnection.Credential(builder.Configuration);
                        }
                    });
                }

                if (!string.IsNullOrEmpty(otlp)) metrics.AddOtlpExporter();
            });
    }
}
