using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Serverless.Testing;

namespace Serverless.LocalHost.Tests.Rollout;

/// <summary>The control plane over real HTTP on Azurite: promote, traffic, rollback, history, validation and keys.</summary>
public class DeploymentApiTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private static readonly string Manifest = $$"""{ "features": {{TestLocalHost.XgbSchema}} }""";

    [Fact]
    public async Task ControlPlane_TrafficPromoteRollback_ChangesRoutingAndAuditsEveryChange()
    {
        using var host = new TestLocalHost(azurite, ("Scoring:DeploymentRefreshInterval", "00:00:00.300"));
        await RegisterAsync(host, 3);

        var traffic = await PutTrafficAsync(host.Client, """{ "mode": "canary", "challenger": 2, "weights": { "1": 75, "2": 25 }, "reason": "step 1" }""");
        var again = await PutTrafficAsync(host.Client, """{ "mode": "canary", "challenger": 2, "weights": { "1": 75, "2": 25 } }""");
        var promote = await host.Client.PostAsync("/api/models/xgb/promote", TestLocalHost.Json("""{ "version": 2, "reason": "healthy" }"""));
        var promoted = await promote.Content.ReadFromJsonAsync<JsonElement>();
        await RoutedPrediction.UntilAsync(host.Client, p => p.Version == 2, TimeSpan.FromSeconds(30));
        var rollback = await host.Client.PostAsync("/api/models/xgb/rollback", null);
        await RoutedPrediction.UntilAsync(host.Client, p => p is { Version: 1, Reason: "champion" }, TimeSpan.FromSeconds(30));
        var history = await host.Client.GetFromJsonAsync<JsonElement>("/api/models/xgb/history");

        Assert.Equal(HttpStatusCode.OK, traffic.StatusCode);
        Assert.True((await traffic.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("changed").GetBoolean());
        Assert.False((await again.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("changed").GetBoolean());
        Assert.Equal((2, 1), (promoted.GetProperty("state").GetProperty("champion").GetInt32(), promoted.GetProperty("state").GetProperty("lastKnownGood").GetInt32()));
        Assert.Equal(HttpStatusCode.OK, rollback.StatusCode);
        var actions = history.GetProperty("changes").EnumerateArray().Select(c => c.GetProperty("action").GetString()).ToList();
        Assert.Equal(["rollback", "promote", "traffic", "register"], actions); // Newest first; the first version's champion is audited too.
        var first = history.GetProperty("changes")[2];
        Assert.Equal(("single champion=1", "canary champion=1 challenger=2 weight=25", "step 1"),
            (first.GetProperty("from").GetString(), first.GetProperty("to").GetString(), first.GetProperty("why").GetString()));
    }

    [Theory]
    [InlineData("""{ "mode": "canary", "challenger": 2, "weights": { "1": 70, "2": 20 } }""", 400, "sum to 100")]
    [InlineData("""{ "mode": "canary", "challenger": 9, "weights": { "1": 50, "9": 50 } }""", 404, "no version 9")]
    [InlineData("""{ "mode": "zigzag", "challenger": 2 }""", 400, "not valid")]
    [InlineData("""{ "challenger": 2 }""", 400, "mode is required")]
    [InlineData("""{ "mode": "canary", "weights": { "1": 100 } }""", 400, "needs a challenger")]
    [InlineData("""{ "mode": "canary", "challenger": 2, "weights": [1, 2] }""", 400, "not valid")]
    public async Task Traffic_InvalidRequest_Answers4xxAndChangesNothing(string body, int status, string expected)
    {
        using var host = new TestLocalHost(azurite);
        await RegisterAsync(host, 2);

        var response = await PutTrafficAsync(host.Client, body);

        Assert.Equal(status, (int)response.StatusCode);
        Assert.Contains(expected, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString());
        Assert.Equal("single", (await host.Client.GetFromJsonAsync<JsonElement>("/api/models/xgb/history")).GetProperty("state").GetProperty("mode").GetString());
    }

    [Fact]
    public async Task ControlRoutes_WithoutKey_Answer401AndChangeNothing_HistoryIsOpen()
    {
        using var host = new TestLocalHost(azurite);
        await RegisterAsync(host, 2);
        using var anonymous = host.CreateClient(withKey: false);

        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsync("/api/models/xgb/promote", TestLocalHost.Json("""{ "version": 2 }"""))).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsync("/api/models/xgb/rollback", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await PutTrafficAsync(anonymous, """{ "mode": "canary", "challenger": 2, "weights": { "1": 50, "2": 50 } }""")).StatusCode);
        var history = await anonymous.GetFromJsonAsync<JsonElement>("/api/models/xgb/history");

        Assert.Equal(1, history.GetProperty("state").GetProperty("champion").GetInt32());
        Assert.Equal("register", Assert.Single(history.GetProperty("changes").EnumerateArray()).GetProperty("action").GetString()); // Only the first registration.
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync("/api/models/nope/history")).StatusCode);
    }

    [Fact]
    public async Task Promote_MissingOrUnknownVersion_Refused()
    {
        using var host = new TestLocalHost(azurite);
        await RegisterAsync(host, 1);

        Assert.Equal(HttpStatusCode.BadRequest, (await host.Client.PostAsync("/api/models/xgb/promote", TestLocalHost.Json("{}"))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await host.Client.PostAsync("/api/models/xgb/promote", TestLocalHost.Json("""{ "version": 5 }"""))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await host.Client.PostAsync("/api/models/nope/rollback", null)).StatusCode);
    }

    internal static async Task RegisterAsync(TestLocalHost host, int versions)
    {
        for (var i = 0; i < versions; i++)
        {
            await host.RegisterAsync("xgb", TestLocalHost.Xgb, Manifest);
        }
    }

    internal static Task<HttpResponseMessage> PutTrafficAsync(HttpClient client, string body) =>
        client.PutAsync("/api/models/xgb/traffic", TestLocalHost.Json(body));
}
