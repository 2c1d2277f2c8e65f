using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Serverless.Core.Monitoring;
using Serverless.Core.Rollout;
using Serverless.Testing;

namespace Serverless.LocalHost.Tests.Rollout;

/// <summary>POST /api/alerts on the local host (real Azurite, real DTFx client): rollback once per alert, keyed, bounded.</summary>
public class AlertApiTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task Fired_LogAlert_RollsBackToLastKnownGoodAndRecordsIt()
    {
        using var host = await PromotedAsync();
        var id = AlertPayloads.NewId();

        var response = await PostAsync(host.Client, AlertPayloads.Log(id, "Fired", "xgb"));

        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(("rolledBack", 1), (body.GetProperty("outcome").GetString(), body.GetProperty("state").GetProperty("champion").GetInt32()));
        var change = (await host.Client.GetFromJsonAsync<JsonElement>("/api/models/xgb/history")).GetProperty("changes")[0];
        Assert.Equal(("alert", "alert"), (change.GetProperty("action").GetString(), change.GetProperty("by").GetString()));
        Assert.Contains(id, change.GetProperty("why").GetString());
    }

    [Fact]
    public async Task Fired_MetricAlertWithModelDimension_RollsBack_AndAMissingRolloutIsNotSignalled()
    {
        using var host = await PromotedAsync();
        var deployments = host.Services.GetRequiredService<DeploymentService>();
        Assert.Equal(DeploymentOutcomeKind.Changed, (await deployments.SetChallengerWeightAsync("xgb", 1, 10, "no-such-rollout", "tests", "canary")).Kind);

        var body = await (await PostAsync(host.Client, AlertPayloads.Metric(AlertPayloads.NewId(), "xgb"))).Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal("rolledBack", body.GetProperty("outcome").GetString());
        Assert.False(body.TryGetProperty("signalledRollout", out _)); // The DTFx client found no such instance.
        Assert.Equal(("single", 1), (body.GetProperty("state").GetProperty("mode").GetString(), body.GetProperty("state").GetProperty("champion").GetInt32()));
    }

    [Fact]
    public async Task Fired_FiftyConcurrentDeliveriesOfOneAlert_ActExactlyOnce()
    {
        using var host = await PromotedAsync();
        var payload = AlertPayloads.Log(AlertPayloads.NewId(), "Fired", "xgb");

        var responses = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => PostAsync(host.Client, payload)));
        var outcomes = await Task.WhenAll(responses.Select(async r => (await r.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("outcome").GetString()));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        Assert.Equal(1, outcomes.Count(o => o == "rolledBack"));
        Assert.Equal(49, outcomes.Count(o => o == "duplicate"));
        var actions = (await host.Client.GetFromJsonAsync<JsonElement>("/api/models/xgb/history")).GetProperty("changes").EnumerateArray().Select(c => c.GetProperty("action").GetString());
        Assert.Equal(1, actions.Count(a => a == "alert"));
    }

    [Fact]
    public async Task HandleAsync_ConcurrentDeliveriesDuringARollout_SignalTheRolloutOnce()
    {
        using var host = await PromotedAsync();
        var deployments = host.Services.GetRequiredService<DeploymentService>();
        await deployments.SetChallengerWeightAsync("xgb", 1, 25, "rollout-7", "tests", "canary");
        var alert = CommonAlertParser.TryParse(System.Text.Encoding.UTF8.GetBytes(AlertPayloads.Log(AlertPayloads.NewId(), "Fired", "xgb")), out _)!;
        var signals = new RecordingRolloutSignal();

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => host.Services.GetRequiredService<AlertService>().HandleAsync(alert, signals)));

        var signal = Assert.Single(signals.Raised);
        Assert.Equal(("rollout-7", "xgb", alert.AlertId), (signal.InstanceId, signal.Signal.Model, signal.Signal.AlertId));
        Assert.Equal("rollout-7", Assert.Single(outcomes, o => o.Kind == AlertOutcomeKind.RolledBack).SignalledRollout);
    }

    /// <summary>Stands in for a running rollout (none exists in the catalog yet): records the events it would receive.</summary>
    private sealed class RecordingRolloutSignal : IRolloutSignal
    {
        public System.Collections.Concurrent.ConcurrentQueue<(string InstanceId, RollbackSignal Signal)> Raised { get; } = new();

        public Task<bool> SignalRollbackAsync(string instanceId, RollbackSignal signal, CancellationToken cancellationToken)
        {
            Raised.Enqueue((instanceId, signal));
            return Task.FromResult(true);
        }
    }

    [Fact]
    public async Task Resolved_IsRecordedAndChangesNothing()
    {
        using var host = await PromotedAsync();

        var body = await (await PostAsync(host.Client, AlertPayloads.Log(AlertPayloads.NewId(), "Resolved", "xgb"))).Content.ReadFromJsonAsync<JsonElement>();
        var history = await host.Client.GetFromJsonAsync<JsonElement>("/api/models/xgb/history");

        Assert.Equal("recorded", body.GetProperty("outcome").GetString());
        Assert.Equal(2, history.GetProperty("state").GetProperty("champion").GetInt32());
        Assert.Equal("alert-resolved", history.GetProperty("changes")[0].GetProperty("action").GetString());
    }

    [Theory]
    [InlineData("nope")]
    [InlineData(null)]
    public async Task Fired_UnknownOrMissingModel_Answers202AndChangesNothing(string? model)
    {
        using var host = await PromotedAsync();

        var response = await PostAsync(host.Client, AlertPayloads.Log(AlertPayloads.NewId(), "Fired", model));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal(2, (await host.Client.GetFromJsonAsync<JsonElement>("/api/models/xgb/history")).GetProperty("state").GetProperty("champion").GetInt32());
    }

    [Fact]
    public async Task BadDeliveries_WrongKey401_OversizedOrMalformed400_NothingChanged()
    {
        using var host = await PromotedAsync();
        using var wrong = host.CreateClient(withKey: false).WithKey(TestApiKey.New());
        var valid = AlertPayloads.Log(AlertPayloads.NewId(), "Fired", "xgb");
        var oversized = valid[..^1] + ", \"padding\": \"" + new string('x', 300 * 1024) + "\" }";

        Assert.Equal(HttpStatusCode.Unauthorized, (await PostAsync(wrong, valid)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await PostAsync(host.CreateClient(withKey: false), valid)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await PostAsync(host.Client, oversized)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await PostAsync(host.Client, "{ \"schemaId\": ")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await PostAsync(host.Client, valid.Replace("azureMonitorCommonAlertSchema", "other", StringComparison.Ordinal))).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await PostAsync(host.Client, valid.Replace("\"Fired\"", "\"Sleeping\"", StringComparison.Ordinal))).StatusCode);
        Assert.Equal(2, (await host.Client.GetFromJsonAsync<JsonElement>("/api/models/xgb/history")).GetProperty("state").GetProperty("champion").GetInt32());
    }

    private async Task<TestLocalHost> PromotedAsync()
    {
        var host = new TestLocalHost(azurite);
        await DeploymentApiTests.RegisterAsync(host, 2);
        Assert.True((await host.Client.PostAsync("/api/models/xgb/promote", TestLocalHost.Json("""{ "version": 2 }"""))).IsSuccessStatusCode);
        return host;
    }

    private static Task<HttpResponseMessage> PostAsync(HttpClient client, string payload) => client.PostAsync("/api/alerts", TestLocalHost.Json(payload));
}
