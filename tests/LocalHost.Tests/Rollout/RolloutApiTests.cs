using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Serverless.Core.Models;
using Serverless.Testing;

namespace Serverless.LocalHost.Tests.Rollout;

/// <summary>
/// <c>POST /api/models/{name}/rollouts</c>, <c>GET /api/workflows/{id}</c> and <c>POST /api/workflows/{id}/events/{event}</c> on
/// the local host: real Azurite and the real Durable Task Framework, bakes long enough that the rollout waits in step 1.
/// </summary>
public class RolloutApiTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);

    [Theory]
    [InlineData("""{ "plan": "canary" }""", 400, "version is required")]
    [InlineData("""{ "version": 2, "plan": "rainbow" }""", 400, "plan: 'rainbow'")]
    [InlineData("""{ "version": 1 }""", 400, "already is the champion")]
    [InlineData("""{ "version": 9 }""", 404, "has no version 9")]
    [InlineData("""{ "version": "two" }""", 400, "not valid")]
    public async Task StartRollout_BadRequest_ClearErrorAndNothingStarted(string body, int status, string expected)
    {
        using var host = new TestLocalHost(azurite);
        await DeploymentApiTests.RegisterAsync(host, 2);

        var response = await RolloutCalls.StartAsync(host.Client, body);

        Assert.Equal(status, (int)response.StatusCode);
        Assert.Contains(expected, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await host.Client.GetAsync($"/api/workflows/{RolloutCalls.Instance}")).StatusCode);
    }

    [Fact]
    public async Task StartRollout_ModelWithoutChampion_409SaysPromoteAndNothingStarted()
    {
        using var host = new TestLocalHost(azurite);
        await DeploymentApiTests.RegisterAsync(host, 2);
        await host.Services.GetRequiredService<IModelRegistry>().UpdateDeploymentAsync("xgb", s => s! with { Champion = null });

        var response = await RolloutCalls.StartAsync(host.Client, """{ "version": 2 }""");

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Contains("no champion to roll out from; promote version 2",
            (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await host.Client.GetAsync($"/api/workflows/{RolloutCalls.Instance}")).StatusCode);
    }

    [Fact]
    public async Task StartRollout_UnknownModelOrNoKeyOrHugeBody_404Or401Or413()
    {
        using var host = new TestLocalHost(azurite);

        Assert.Equal(HttpStatusCode.NotFound, (await RolloutCalls.StartAsync(host.Client, """{ "version": 1 }""", "nosuch")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await RolloutCalls.StartAsync(host.CreateClient(withKey: false), """{ "version": 1 }""")).StatusCode);
        var huge = $$"""{ "version": 2, "reason": "{{new string('x', 20_000)}}" }""";
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, (await RolloutCalls.StartAsync(host.Client, huge)).StatusCode);
    }

    [Fact]
    public async Task StartRollout_WhileOneRuns_409WithItsStatusUrl_ThenAbortRestoresTheChampion()
    {
        using var host = new TestLocalHost(azurite, ("Rollout:Health:MinRequests", "1"));
        await DeploymentApiTests.RegisterAsync(host, 3);

        var start = await RolloutCalls.StartAsync(host.Client, """{ "version": 2, "reason": "try v2" }""");
        Assert.Equal(HttpStatusCode.Accepted, start.StatusCode);
        var payload = await start.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(RolloutCalls.Instance, payload.GetProperty("id").GetString());
        await RolloutCalls.UntilAsync(host.Client, s => RolloutCalls.At(s, "baking", 1), Timeout);
        var second = await RolloutCalls.StartAsync(host.Client, """{ "version": 3 }""");
        var conflict = await second.Content.ReadFromJsonAsync<JsonElement>();
        var state = (await host.Client.GetFromJsonAsync<JsonElement>("/api/models/xgb/history")).GetProperty("state");

        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
        Assert.Equal(payload.GetProperty("statusQueryGetUri").GetString(), conflict.GetProperty("statusQueryGetUri").GetString());
        Assert.Contains("already running", conflict.GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Equal(("canary", 2, 5, RolloutCalls.Instance), (state.GetProperty("mode").GetString(), state.GetProperty("challenger").GetInt32(),
            state.GetProperty("challengerWeight").GetInt32(), state.GetProperty("rolloutInstanceId").GetString()));

        var abort = await RolloutCalls.RaiseAsync(host.Client, "abort", """{ "reason": "change freeze" }""");
        Assert.Equal(HttpStatusCode.Accepted, abort.StatusCode);
        var done = await RolloutCalls.UntilAsync(host.Client, RolloutCalls.Completed, Timeout);
        var output = done.GetProperty("output");
        Assert.Equal(("aborted", 1), (output.GetProperty("outcome").GetString(), output.GetProperty("serving").GetInt32()));
        Assert.Contains("change freeze", output.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(("aborted", "done"), (done.GetProperty("customStatus").GetProperty("stage").GetString(), done.GetProperty("customStatus").GetProperty("state").GetString()));
        state = (await host.Client.GetFromJsonAsync<JsonElement>("/api/models/xgb/history")).GetProperty("state");
        Assert.Equal(("single", 1), (state.GetProperty("mode").GetString(), state.GetProperty("champion").GetInt32()));

        // Finished: no more events; the model may roll out again (the instance id is reused).
        Assert.Equal(HttpStatusCode.Conflict, (await RolloutCalls.RaiseAsync(host.Client, "promote")).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await RolloutCalls.StartAsync(host.Client, """{ "version": 3 }""")).StatusCode);
        await RolloutCalls.UntilAsync(host.Client, s => RolloutCalls.At(s, "baking", 1), Timeout);
        Assert.Equal(HttpStatusCode.Accepted, (await RolloutCalls.RaiseAsync(host.Client, "rollback")).StatusCode);
        var rolledBack = (await RolloutCalls.UntilAsync(host.Client, RolloutCalls.Completed, Timeout)).GetProperty("output");
        Assert.Equal(("rolled-back", 3, 1), (rolledBack.GetProperty("outcome").GetString(), rolledBack.GetProperty("version").GetInt32(), rolledBack.GetProperty("serving").GetInt32()));
    }

    [Fact]
    public async Task RaiseEvent_PromoteDuringTheFirstBake_PromotedAtOnce()
    {
        using var host = new TestLocalHost(azurite);
        await DeploymentApiTests.RegisterAsync(host, 2);
        Assert.Equal(HttpStatusCode.Accepted, (await RolloutCalls.StartAsync(host.Client, """{ "version": 2, "plan": "blue-green" }""")).StatusCode);
        await RolloutCalls.UntilAsync(host.Client, s => RolloutCalls.At(s, "baking", 2), Timeout);

        Assert.Equal(HttpStatusCode.Unauthorized, (await RolloutCalls.RaiseAsync(host.CreateClient(withKey: false), "promote")).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await RolloutCalls.RaiseAsync(host.Client, "PROMOTE", """{ "reason": "green looks good" }""")).StatusCode);
        var output = (await RolloutCalls.UntilAsync(host.Client, RolloutCalls.Completed, Timeout)).GetProperty("output");

        Assert.Equal(("promoted", 2), (output.GetProperty("outcome").GetString(), output.GetProperty("serving").GetInt32()));
        var state = (await host.Client.GetFromJsonAsync<JsonElement>("/api/models/xgb/history")).GetProperty("state");
        Assert.Equal((2, 1), (state.GetProperty("champion").GetInt32(), state.GetProperty("lastKnownGood").GetInt32()));
    }

    [Fact]
    public async Task WorkflowRoutes_UnknownInstanceEventOrNonRollout_404Or400()
    {
        using var host = new TestLocalHost(azurite);
        await DeploymentApiTests.RegisterAsync(host, 2);

        Assert.Equal(HttpStatusCode.NotFound, (await host.Client.GetAsync("/api/workflows/nosuch")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await RolloutCalls.RaiseAsync(host.Client, "promote", id: "nosuch")).StatusCode);
        var unknown = await RolloutCalls.RaiseAsync(host.Client, "pause", id: "nosuch");
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Contains("event: 'pause'", (await unknown.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString(), StringComparison.Ordinal);

        // Any workflow's status reads; only rollouts take events. A training run that fails fast will do.
        var train = await host.Client.PostAsync("/api/models/xgb2/train", TestLocalHost.Json("""{ "data": { "blob": "nosuch/data.csv" }, "label": "y", "task": "binary" }"""));
        var id = (await train.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
        var status = await RolloutCalls.UntilAsync(host.Client, RolloutCalls.Completed, Timeout, id);
        Assert.Equal("TrainModelOrchestrator", status.GetProperty("name").GetString());
        var wrong = await RolloutCalls.RaiseAsync(host.Client, "promote", id: id);
        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
    }
}
