using Azure.Core.Serialization;
using Azure.Monitor.OpenTelemetry.Exporter;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Azure.Functions.Worker.OpenTelemetry;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using Serverless.Api;
using Serverless.Core.Monitoring;
using Serverless.Core.Serialization;
using Serverless.Core.Storage;

var builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();

// One JSON setting for HTTP bodies and Durable payloads, the same the local host's engine uses.
builder.Services.Configure<WorkerOptions>(o => o.Serializer = new JsonObjectSerializer(JsonDefaults.Options));

builder.Services.AddServingApi(builder.Configuration);

// Our meters and spans (Serverless.*) beside the worker's; exported only where a destination is configured.
var telemetry = builder.Services.AddOpenTelemetry().UseFunctionsWorkerDefaults()
    .WithMetrics(m => m.AddMeter(MonitoringTelemetry.Prefix + ".*"))
    .WithTracing(t => t.AddSource(MonitoringTelemetry.Prefix + ".*"));
if (!string.IsNullOrEmpty(builder.Configuration["APPLICATIONINSIGHTS_CONNECTION_STRING"]))
{
    // In Azure, Application Insights accepts only Entra tokens (local auth off, infra/bicep): with a managed identity
    // configured for storage (AzureWebJobsStorage__clientId), the same identity signs the telemetry.
    var managedIdentity = !string.IsNullOrEmpty(builder.Configuration.GetSection(StorageConnection.SettingName)["clientId"]);
    telemetry.UseAzureMonitorExporter(o =>
    {
        if (managedIdentity)
        {
            o.Credential = StorageConnection.Credential(builder.Configuration);
        }
    });
}

if (!string.IsNullOrEmpty(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
{
    telemetry.UseOtlpExporter();
}

builder.Build().Run();
