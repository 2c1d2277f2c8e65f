using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;
using Serverless.Core.Monitoring;
using Serverless.Testing;

namespace Serverless.LocalHost.Tests.Monitoring;

/// <summary>The local host's exporter wiring, proven against a real OTLP/HTTP receiver on loopback.</summary>
public class TelemetryExportTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    [Fact]
    public void AddLocalTelemetry_NoDestination_RegistersNoSdk()
    {
        using var host = new TestLocalHost(azurite);

        Assert.Null(host.Services.GetService<MeterProvider>());
    }

    [Fact]
    public async Task AddLocalTelemetry_OtlpEndpoint_ExportsOurInstrumentsAndHttpSemanticConventions()
    {
        await using var receiver = await OtlpReceiver.StartAsync();
        using var host = new TestLocalHost(azurite,
            ("OTEL_EXPORTER_OTLP_ENDPOINT", receiver.Endpoint),
            ("OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf"),
            ("OTEL_METRIC_EXPORT_INTERVAL", "500"),
            ("OTEL_BSP_SCHEDULE_DELAY", "500"));
        var version = await host.RegisterAsync("xgb", TestLocalHost.Xgb, $$"""{ "features": {{TestLocalHost.XgbSchema}} }""");
        var response = await host.Client.PostAsync("/api/models/xgb/predict", TestLocalHost.Json("""{ "records": [ { "a": 1, "b": 2 } ] }"""));
        response.EnsureSuccessStatusCode();
        var manifest = (await host.Services.GetRequiredService<Core.Models.IModelRegistry>().GetManifestAsync("xgb", version))!;
        host.Services.GetRequiredService<ScoringRecorder>().RecordFailed(
            manifest, ScoringEndpoints.Records, ScoringErrorKinds.UnseenCategory, new ScoringTimings(TimeSpan.FromMilliseconds(2)), "d");

        Assert.True(await receiver.WaitForAsync("/v1/metrics", Timeout,
            "serverless.scoring.errors", "{request}", MonitoringTelemetry.ModelTag, "xgb", MonitoringTelemetry.ErrorTypeTag, ScoringErrorKinds.UnseenCategory,
            "serverless.input.unseen_categories", MonitoringTelemetry.FeatureTag, "serverless.process.memory.usage", "By"),
            $"no metrics export held our instruments ({receiver.Count("/v1/metrics")} exports received)");
        Assert.True(await receiver.WaitForAsync("/v1/metrics", Timeout, "http.server.request.duration", "http.request.method", "http.route"),
            "no metrics export held the HTTP semantic-convention server duration");
        Assert.True(await receiver.WaitForAsync("/v1/traces", Timeout, "http.request.method", "POST", "url.path", "/api/models/xgb/predict"),
            $"no trace export held the predict call's server span ({receiver.Count("/v1/traces")} exports received)");
    }
}
