using Azure.Core.Serialization;
using Azure.Monitor.OpenTelemetry.Exporter;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.OpenTelemetry;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using Serverless.Api;
using Serverless.Core.Monitoring;
using Serverless.Core.Serialization;
using Serverless.Core.Storage;

namespace Serverless.Functions.Hosting;

public static class FunctionsAppServiceCollectionExtensions
{
    /// <summary>The Application Insights connection string; the Azure Monitor exporter is added only when it is set.</summary>
    public const string ApplicationInsightsSetting = "APPLICATIONINSIGHTS_CONNECTION_STRING";

    /// <summary>An OTLP collector; the OTLP exporter is added only when it is set.</summary>
    public const string OtlpEndpointSetting = "OTEL_EXPORTER_OTLP_ENDPOINT";

    /// <summary>
    /// Everything the function app registers besides the worker itself: the shared HTTP surface and batch scoring
    /// (<see cref="ServingApiServiceCollectionExtensions.AddServingApi"/>), the JSON settings for bodies and Durable
    /// payloads, and OpenTelemetry. Every setting read here or below is listed in local.settings.sample.json.
    /// </summary>
    public static IServiceCollection AddFunctionsApp(this IServiceCollection services, IConfiguration configuration)
    {
        // One JSON setting for HTTP bodies and Durable payloads, the same the local host uses.
        services.Configure<WorkerOptions>(o => o.Serializer = new JsonObjectSerializer(JsonDefaults.Options));
        services.AddServingApi(configuration);

        // Our meters and spans (Serverless.*) beside the worker's; exported only where a destination is configured.
        var telemetry = services.AddOpenTelemetry().UseFunctionsWorkerDefaults()
            .WithMetrics(m => m.AddMeter(MonitoringTelemetry.Prefix + ".*"))
            .WithTracing(t => t.AddSource(MonitoringTelemetry.Prefix + ".*"));
        if (!string.IsNullOrEmpty(configuration[ApplicationInsightsSetting]))
        {
            // In Azure, Application Insights accepts only Entra tokens (local auth off, infra/bicep): with a managed identity
            // configured for storage (AzureWebJobsStorage__clientId), the same identity signs the telemetry.
            var managedIdentity = !string.IsNullOrEmpty(configuration.GetSection(StorageConnection.SettingName)["clientId"]);
            telemetry.UseAzureMonitorExporter(o =>
            {
                if (managedIdentity)
                {
                    o.Credential = StorageConnection.Credential(configuration);
                }
            });
        }

        if (!string.IsNullOrEmpty(configuration[OtlpEndpointSetting]))
        {
            telemetry.UseOtlpExporter();
        }

        return services;
    }
}
