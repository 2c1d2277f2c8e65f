using Azure.Monitor.OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Serverless.Core.Monitoring;

namespace Serverless.LocalHost.Hosting;

/// <summary>
/// OpenTelemetry for the local host: the system's own meters and activity sources (<c>Serverless.*</c>) plus
/// ASP.NET Core's and HttpClient's meters and ASP.NET Core's server spans, which follow the HTTP semantic conventions
/// (<c>http.server.request.duration</c>, <c>http.client.request.duration</c>). Exported to Azure Monitor when <c>APPLICATIONINSIGHTS_CONNECTION_STRING</c> is set,
/// to OTLP when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set (the standard <c>OTEL_*</c> settings apply), to the console
/// when <c>Telemetry:Console</c> is true, and nowhere by default: then no SDK is registered at all.
/// </summary>
internal static class TelemetryExtensions
{
    /// <summary>Meters and activity sources of this system are all named under this prefix.</summary>
    public const string SourcePrefix = MonitoringTelemetry.Prefix + ".*";

    /// <summary>The built-in meters that carry the HTTP semantic-convention metrics.</summary>
    private static readonly string[] HttpMeters = ["Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel", "System.Net.Http"];

    public static WebApplicationBuilder AddLocalTelemetry(this WebApplicationBuilder builder)
    {
        var config = builder.Configuration;
        var appInsights = config["APPLICATIONINSIGHTS_CONNECTION_STRING"];
        var otlp = config["OTEL_EXPORTER_OTLP_ENDPOINT"];
        var console = config.GetValue<bool>("Telemetry:Console");
        if (string.IsNullOrEmpty(appInsights) && string.IsNullOrEmpty(otlp) && !console)
        {
            return builder;
        }

        builder.Services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService("serverless-ml-localhost"))
            .WithMetrics(metrics =>
            {
                metrics.AddMeter(SourcePrefix).AddMeter(HttpMeters);
                if (!string.IsNullOrEmpty(appInsights)) metrics.AddAzureMonitorMetricExporter(o => o.ConnectionString = appInsights);
                if (!string.IsNullOrEmpty(otlp)) metrics.AddOtlpExporter();
                if (console) metrics.AddConsoleExporter();
            })
            .WithTracing(tracing =>
            {
                // Server spans only: client spans would trace every storage poll of the batch watcher and the flusher.
                tracing.AddSource(SourcePrefix).AddAspNetCoreInstrumentation();
                if (!string.IsNullOrEmpty(appInsights)) tracing.AddAzureMonitorTraceExporter(o => o.ConnectionString = appInsights);
                if (!string.IsNullOrEmpty(otlp)) tracing.AddOtlpExporter();
                if (console) tracing.AddConsoleExporter();
            });
        return builder;
    }
}
