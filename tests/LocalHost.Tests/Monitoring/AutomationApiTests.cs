using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Serverless.Testing;

namespace Serverless.LocalHost.Tests.Monitoring;

/// <summary>Automation levels over real HTTP (Kestrel on loopback, Azurite): the control-plane call, its audit, and each level's response.</summary>
public class AutomationApiTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    internal static (string, string)[] Settings(string refresh = "00:00:00.200") =>
    [
        ("LocalHost:SeedSampleModel", "true"),
        ("Scoring:DeploymentRefreshInterval", refresh),
        ("Monitoring:PredictionLog:Table", AzuriteFixture.UniqueName("log")),
        ("Monitoring:Feedback:Table", AzuriteFixture.UniqueName("feedback")),
        ("Monitoring:Review:Table", AzuriteFixture.UniqueName("review")),
    ];

    internal static async Task<JsonElement> SetLevelAsync(HttpClient client, string body)
    {
        var response = await client.PutAsync("/api/models/churn/automation", TestLocalHost.Json(body));
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    /// <summary>Predicts until the response has <paramref name="level"/>'s shape (the level reaches the cache within the refresh interval).</summary>
    internal static async Task<JsonElement> PredictAtLevelAsync(HttpClient client, string level, string body, string path = "/api/models/churn/predict")
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        for (var i = 0; ; i++)
        {
            var response = await ChurnRecords.PredictAsync(client, $"wait-{level}-{Guid.NewGuid():N}", body, path);
            if (ChurnRecords.Level(response) == level)
            {
                return response;
            }

            Assert.True(DateTime.UtcNow < deadline, $"Still '{ChurnRecords.Level(response)}' instead of '{level}' after 30 s.");
            await Task.Delay(50);
        }
    }

    [Fact]
    public async Task Predict_EachLevel_ResponseHasThatLevelsShape()
    {
        using var host = TestLocalHost.OnLoopback(azurite, Settings());
        var body = ChurnRecords.Body(3);
        var full = await ChurnRecords.PredictAsync(host.Client, "full-0", body);
        Assert.Equal(["requestId", "model", "version", "reason", "predictions"], full.EnumerateObject().Select(p => p.Name));

        Assert.True((await SetLevelAsync(host.Client, """{ "level": "assist", "reason": "pilot" }""")).GetProperty("changed").GetBoolean());
        var assist = (await PredictAtLevelAsync(host.Client, "assist", body)).GetProperty("predictions");
        Assert.Equal(3, assist.GetArrayLength());
        Assert.All(assist.EnumerateArray(), p =>
        {
            Assert.Equal(p.GetProperty("probabilities").EnumerateObject().Max(c => c.Value.GetDouble()), p.GetProperty("confidence").GetDouble(), 6);
            var explanation = p.GetProperty("explanation").EnumerateArray().ToList();
            Assert.InRange(explanation.Count, 1, 5);
            Assert.All(explanation, e => Assert.True(e.TryGetProperty("baseline", out _) && e.GetProperty("contribution").ValueKind == JsonValueKind.Number));
            Assert.Equal(explanation.OrderByDescending(e => Math.Abs(e.GetProperty("contribution").GetDouble())).Select(e => e.GetProperty("feature").GetString()),
                explanation.Select(e => e.GetProperty("feature").GetString()));
        });

        await SetLevelAsync(host.Client, """{ "level": "partial", "threshold": 0.75 }""");
        var partial = await PredictAtLevelAsync(host.Client, "partial", body);
        Assert.Equal(0.75, partial.GetProperty("reviewThreshold").GetDouble());
        Assert.All(partial.GetProperty("predictions").EnumerateArray(), p =>
            Assert.Equal(p.GetProperty("confidence").GetDouble() < 0.75, p.GetProperty("needs_review").GetBoolean()));

        foreach (var level in new[] { "shadow", "human" })
        {
            await SetLevelAsync(host.Client, $$"""{ "level": "{{level}}" }""");
            var withheld = await PredictAtLevelAsync(host.Client, level, body);
            Assert.False(withheld.TryGetProperty("predictions", out _));
            Assert.Equal(3, withheld.GetProperty("records").GetInt32());
            Assert.Equal(level == "human", withheld.TryGetProperty("needs_review", out _));

            // A request that names the version is held to the model's level too.
            Assert.Equal(level, ChurnRecords.Level(await ChurnRecords.PredictAsync(host.Client, $"pinned-{level}", body, "/api/models/churn/versions/1/predict")));
        }

        await SetLevelAsync(host.Client, """{ "level": "full" }""");
        var back = await PredictAtLevelAsync(host.Client, "full", body);
        Assert.Equal(full.GetProperty("predictions").GetRawText(), back.GetProperty("predictions").GetRawText());

        var history = await host.Client.GetFromJsonAsync<JsonElement>("/api/models/churn/history");
        var changes = history.GetProperty("changes").EnumerateArray().Where(c => c.GetProperty("action").GetString() == "automation").ToList();
        Assert.Equal(5, changes.Count);
        Assert.Equal(("single champion=1 automation=partial(0.75)", "single champion=1 automation=shadow"),
            (changes[2].GetProperty("from").GetString(), changes[2].GetProperty("to").GetString()));
        Assert.Equal("pilot", changes[^1].GetProperty("why").GetString());
    }

    [Fact]
    public async Task SetAutomation_WithoutKey_Answers401AndChangesNothing()
    {
        using var host = new TestLocalHost(azurite, Settings());
        using var anonymous = host.CreateClient(withKey: false);

        var response = await anonymous.PutAsync("/api/models/churn/automation", TestLocalHost.Json("""{ "level": "human" }"""));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.True((await response.Content.ReadFromJsonAsync<JsonElement>()).TryGetProperty("error", out _));
        var history = await anonymous.GetFromJsonAsync<JsonElement>("/api/models/churn/history");
        Assert.False(history.GetProperty("state").TryGetProperty("automation", out var automation) && automation.GetProperty("level").GetString() != "full");
        Assert.DoesNotContain(history.GetProperty("changes").EnumerateArray(), c => c.GetProperty("action").GetString() == "automation");
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsync("/api/models/churn/review/r1", TestLocalHost.Json("""{ "label": "1" }"""))).StatusCode);
    }

    [Theory]
    [InlineData("""{ "threshold": 0.5 }""", 400, "level is required")]
    [InlineData("""{ "level": "robot" }""", 400, "not valid")]
    [InlineData("""{ "level": "assist", "threshold": 0.5 }""", 400, "'partial' only")]
    [InlineData("""{ "level": "partial", "threshold": 0 }""", 400, "(0, 1]")]
    [InlineData("""{ "level": "partial", "threshold": 1.5 }""", 400, "(0, 1]")]
    [InlineData("""[1]""", 400, "not valid")]
    public async Task SetAutomation_InvalidBody_Answers400AndChangesNothing(string body, int status, string expected)
    {
        using var host = new TestLocalHost(azurite, Settings());

        var response = await host.Client.PutAsync("/api/models/churn/automation", TestLocalHost.Json(body));

        Assert.Equal(status, (int)response.StatusCode);
        Assert.Contains(expected, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString());
        var history = await host.Client.GetFromJsonAsync<JsonElement>("/api/models/churn/history");
        Assert.DoesNotContain(history.GetProperty("changes").EnumerateArray(), c => c.GetProperty("action").GetString() == "automation");
    }

    [Fact]
    public async Task SetAutomation_UnknownModelOrRegressionPartial_Refused()
    {
        using var host = new TestLocalHost(azurite, Settings());
        await host.RegisterAsync("xgb", TestLocalHost.Xgb, $$"""{ "features": {{TestLocalHost.XgbSchema}} }""");

        var unknown = await host.Client.PutAsync("/api/models/nope/automation", TestLocalHost.Json("""{ "level": "human" }"""));
        var regression = await host.Client.PutAsync("/api/models/xgb/automation", TestLocalHost.Json("""{ "level": "partial" }"""));
        var defaultThreshold = await host.Client.PutAsync("/api/models/churn/automation", TestLocalHost.Json("""{ "level": "partial" }"""));

        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, regression.StatusCode);
        Assert.Contains("regression", (await regression.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString());
        var automation = (await defaultThreshold.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("state").GetProperty("automation");
        Assert.Equal(("partial", 0.8), (automation.GetProperty("level").GetString(), automation.GetProperty("reviewThreshold").GetDouble()));
    }
}
