using System.Net.Http.Json;
using System.Text.Json;
using Serverless.Testing;
using Xunit.Abstractions;

namespace Serverless.LocalHost.Tests.Rollout;

/// <summary>
/// A plan with a shadow stage first, end to end on the local host: Kestrel on loopback, real Azurite, DTFx, ONNX
/// Runtime, and the bounded load generator (4 closed-loop workers, stopped when the rollout ends) predicting throughout.
/// </summary>
public class ShadowRolloutEndToEndTests(AzuriteFixture azurite, ITestOutputHelper output) : IClassFixture<AzuriteFixture>
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(3);

    [Fact]
    public async Task Rollout_ShadowStageFirst_OnlyTheChampionAnswersWhileTheShadowIsComparedThenTheCanaryIsPromoted()
    {
        using var host = TestLocalHost.OnLoopback(azurite,
            [.. RolloutEndToEndTests.Fast, ("Rollout:Canary:Shadow", "true"), ("Rollout:Canary:ShadowPercent", "100"), ("Rollout:Canary:Steps", "25,100")]);
        await DeploymentApiTests.RegisterAsync(host, 2);
        await RoutedPrediction.SendAsync(host.Client);
        var started = DateTimeOffset.UtcNow.AddMinutes(-1);
        using var load = new LoadGenerator(host.Client, workers: 4);

        var start = await RolloutCalls.StartAsync(host.Client, """{ "version": 2, "reason": "shadow first" }""");
        Assert.True(start.IsSuccessStatusCode, await start.Content.ReadAsStringAsync());
        // Follow the rollout: the last load mark taken while it still showed the shadow step (no canary weight can have
        // been written before that poll), and its first status at the canary step, which still holds the shadow's health.
        var inShadow = -1;
        JsonElement firstCanary = default;
        await RolloutCalls.UntilAsync(host.Client, status =>
        {
            if (RolloutCalls.At(status, "baking", 1) || RolloutCalls.At(status, "analysing", 1))
            {
                Assert.Equal("shadow", status.GetProperty("customStatus").GetProperty("stage").GetString());
                inShadow = load.Mark();
            }

            var step = status.TryGetProperty("customStatus", out var custom) && custom.ValueKind == JsonValueKind.Object ? custom.GetProperty("step").GetInt32() : 0;
            Assert.False(RolloutCalls.Completed(status) && step < 2, $"ended in the shadow stage: {status}");
            firstCanary = status;
            return step >= 2;
        }, Timeout);
        var done = await RolloutCalls.UntilAsync(host.Client, RolloutCalls.Completed, Timeout);
        var settled = await RolloutEndToEndTests.SettleAsync(load);
        var results = await load.StopAsync();

        // The shadow stage: the champion answered every request, and the candidate's copies were compared and judged healthy.
        Assert.True(inShadow > 0, "The load never ran during the shadow stage.");
        Assert.All(results.Take(inShadow), r => Assert.Equal(new RoutedPrediction(200, 1, "champion"), r));
        var shadowHealth = firstCanary.GetProperty("customStatus").GetProperty("health");
        Assert.Equal("pass", shadowHealth.GetProperty("verdict").GetString());
        Assert.True(shadowHealth.GetProperty("candidate").GetProperty("records").GetInt64() >= 20, shadowHealth.ToString());
        var compared = await ShadowComparedAsync(host.Client, started);
        Assert.True(compared >= 20, $"{compared} shadow comparisons in the champion's windows.");
        output.WriteLine($"{results.Count} requests, {inShadow} of them during the shadow stage, {compared} shadow comparisons, " +
            $"{results.Count(r => r.Reason == "canary")} answered as canary");

        // Then the canary: promoted, no request failed, some answered by the candidate as canary, all by it at the end.
        var result = done.GetProperty("output");
        Assert.True(result.GetProperty("outcome").GetString() == "promoted", done.ToString());
        Assert.Equal(2, result.GetProperty("serving").GetInt32());
        Assert.All(results, r => Assert.Equal(200, r.Status));
        Assert.Contains(results, r => r is { Version: 2, Reason: "canary" });
        Assert.DoesNotContain(results, r => r.Reason == "shadow");
        Assert.All(results.Skip(settled), r => Assert.Equal(new RoutedPrediction(200, 2, "champion"), r));
        var changes = (await host.Client.GetFromJsonAsync<JsonElement>("/api/models/xgb/history")).GetProperty("changes").EnumerateArray()
            .Reverse().Where(c => c.GetProperty("by").GetString() == RolloutCalls.Instance).Select(c => c.GetProperty("to").GetString()!).ToList();
        Assert.Equal(["shadow", "canary", "canary", "single"], changes.Select(c => c.Split(' ')[0]));
    }

    /// <summary>Shadow comparisons the champion's (version 1) windows hold since <paramref name="from"/>, once flushed.</summary>
    private static async Task<long> ShadowComparedAsync(HttpClient client, DateTimeOffset from)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var stats = await client.GetFromJsonAsync<JsonElement>($"/api/models/xgb/stats?version=1&from={Uri.EscapeDataString(from.ToString("O"))}");
            var versions = stats.GetProperty("versions");
            var compared = versions.GetArrayLength() == 0 ? 0 : versions[0].GetProperty("total").GetProperty("shadowCompared").GetInt64();
            if (compared >= 20 || DateTime.UtcNow > deadline)
            {
                return compared;
            }

            await Task.Delay(250);
        }
    }
}
