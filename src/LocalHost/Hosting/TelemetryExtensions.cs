using Azure.Monitor.OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Serverless.LocalHost.Hosting;

/// <summary>
/// OpenTelemetry for the local host: the system's own meters and activity sources, exported to Azure Monitor
/// when <c>APPLICATIONINSIGHTS_CONNECTION_STRING</c> is set, to OTLP when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is
/// set, and to the console when <c>Telemetry:Console</c> is true.
/// </summary>
internal static class TelemetryExtensions
{
    /// <summary>Meters and activity sources of this system are all named under this prefix.</summary>
    public const string SourcePrefix = "Serverless.*";

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
                metrics.AddMeter(SourcePrefix);
                if (!string.IsNullOrEmpty(appInsights)) metrics.AddAzureMonitorMetricExporter(o => o.ConnectionString = appInsights);
                if (!string.IsNullOrEmpty(otlp)) metrics.AddOtlpExporter();
                if (console) metrics.AddConsoleExporter();
            })
            .WithTracing(tracing =>
            {
                tracing.AddSource(SourcePrefix);
                if (!string.IsNullOrEmpty(appInsights)) tracing.AddAzureMonitorTraceExporter(o => o.ConnectionString = appInsights);
                if (!string.IsNullOrEmpty(otlp)) tracing.AddOtlpExporter();
                if (console) tracing.AddConsoleExporter();
            });
        return builder;
    }
}
