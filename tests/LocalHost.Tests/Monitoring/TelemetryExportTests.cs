using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;
using Serverless.Core.Monitoring;
using Serverless.Core.Scoring;
using Serverless.Testing;

namespace Serverless.LocalHost.Tests.Monitoring;

/// <summary>The local host's exporter wiring, proven against a real OTLP/HTTP receiver on loopback.</summary>
[Collection(TelemetryCollection.Name)]
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
        await host.RegisterAsync("xgb", TestLocalHost.Xgb, $$"""{ "features": {{TestLocalHost.XgbSchema}} }""");
        var scored = await host.Client.PostAsync("/api/models/xgb/predict", TestLocalHost.Json("""{ "records": [ { "a": 1, "b": 2 } ] }"""));
        scored.EnsureSuccessStatusCode();
        var unseen = await host.Client.PostAsync("/api/models/xgb/predict", TestLocalHost.Json("""{ "records": [ { "a": 1, "d": "mid" } ] }"""));
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, unseen.StatusCode);

        string[] ours =
        [
            "serverless.scoring.requests", "{request}", "serverless.scoring.errors", MonitoringTelemetry.ErrorTypeTag, ScoringErrorKinds.UnseenCategory,
            "serverless.scoring.duration", "serverless.scoring.stage.time", MonitoringTelemetry.StageTag, ScoringStages.Infer,
            "serverless.scoring.records", "{record}", "serverless.output.score.bins", MonitoringTelemetry.ScoreBinTag, "serverless.input.missing", "{value}",
            "serverless.input.unseen_categories", MonitoringTelemetry.FeatureTag, MonitoringTelemetry.ModelTag, "xgb", MonitoringTelemetry.VersionTag,
            MonitoringTelemetry.EndpointTag, ScoringEndpoints.Records, "serverless.process.memory.usage", "By", "serverless.process.cpu.time",
        ];
        Assert.True(await receiver.WaitForAsync("/v1/metrics", Timeout, ours),
            $"no metrics export held all our instruments ({receiver.Count("/v1/metrics")} exports); missing: {receiver.Missing("/v1/metrics", ours)}");
        Assert.True(await receiver.WaitForAsync("/v1/metrics", Timeout, "http.server.request.duration", "http.request.method", "http.route"),
            "no metrics export held the HTTP semantic-convention server duration");
        Assert.True(await receiver.WaitForAsync("/v1/traces", Timeout, "http.request.method", "POST", "url.path", "/api/models/xgb/predict", "score", MonitoringTelemetry.ScoringSource),
            $"no trace export held the predict call's server span ({receiver.Count("/v1/traces")} exports received)");
    }
}
