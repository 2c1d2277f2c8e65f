using System.Net.Http.Json;
using System.Text.Json;
using Serverless.Testing;

namespace Serverless.LocalHost.Tests.Rollout;

/// <summary>Routing under change, over real HTTP on Azurite: staleness, a corrupted serving artifact, weight shifts under load.</summary>
public class TrafficRoutingTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private const string Refresh = "00:00:00.500";

    [Fact]
    public async Task Predict_StateChange_PickedUpWithinTheStalenessBound()
    {
        using var host = new TestLocalHost(azurite, ("Scoring:DeploymentRefreshInterval", Refresh));
        await DeploymentApiTests.RegisterAsync(host, 2);
        Assert.Equal(new RoutedPrediction(200, 1, "champion"), await RoutedPrediction.SendAsync(host.Client));

        await DeploymentApiTests.PutTrafficAsync(host.Client, """{ "mode": "blue-green", "challenger": 2, "weights": { "1": 0, "2": 100 } }""");
        var elapsed = await RoutedPrediction.UntilAsync(host.Client, p => p == new RoutedPrediction(200, 2, "green"), TimeSpan.FromSeconds(30));

        // Bound: one refresh interval plus the refresh itself (a blob read, and loading version 2). Generous for a loaded CI box.
        Assert.True(elapsed < TimeSpan.FromSeconds(10), $"Took {elapsed}.");
        Assert.All(await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => RoutedPrediction.SendAsync(host.Client))),
            p => Assert.Equal(new RoutedPrediction(200, 2, "green"), p));
    }

    [Fact]
    public async Task Predict_ServingArtifactCorruptedInAzurite_LastKnownGoodServesWithZero5xx()
    {
        using var host = new TestLocalHost(azurite, ("Scoring:DeploymentRefreshInterval", Refresh));
        await DeploymentApiTests.RegisterAsync(host, 2);
        await host.Client.PostAsync("/api/models/xgb/promote", TestLocalHost.Json("""{ "version": 2 }"""));
        await RoutedPrediction.UntilAsync(host.Client, p => p.Version == 2, TimeSpan.FromSeconds(30));

        using var load = new LoadGenerator(host.Client, workers: 4);
        var corrupted = TestLocalHost.Xgb.ToArray();
        corrupted[^10] ^= 0x5A;
        await host.TamperAsync("xgb", 2, corrupted);
        var elapsed = await RoutedPrediction.UntilAsync(host.Client, p => p.Version == 1, TimeSpan.FromSeconds(30));
        await Task.Delay(1000);
        var results = await load.StopAsync();

        Assert.True(elapsed < TimeSpan.FromSeconds(10), $"Took {elapsed}.");
        Assert.NotEmpty(results);
        Assert.All(results, r => Assert.Equal(200, r.Status));
        var state = (await host.Client.GetFromJsonAsync<JsonElement>("/api/models/xgb/history")).GetProperty("state");
        Assert.Equal(1, state.GetProperty("champion").GetInt32());
        var refused = Assert.Single(state.GetProperty("refused").EnumerateArray());
        Assert.Equal(2, refused.GetProperty("version").GetInt32());
        Assert.Contains("SHA-256", refused.GetProperty("reason").GetString(), StringComparison.OrdinalIgnoreCase);
        Assert.Equal(503, (await host.Client.PostAsync("/api/models/xgb/versions/2/predict", TestLocalHost.Json(RoutedPrediction.Body))).StatusCode is var s ? (int)s : 0);
    }

    [Fact]
    public async Task Predict_SustainedLoadOnLoopback_WeightShiftsAndRollback_ZeroFailuresAndOnlyLegitimateVersions()
    {
        using var host = TestLocalHost.OnLoopback(azurite, ("Scoring:DeploymentRefreshInterval", Refresh));
        await DeploymentApiTests.RegisterAsync(host, 2);
        await RoutedPrediction.SendAsync(host.Client);

        using var load = new LoadGenerator(host.Client, workers: 4);
        foreach (var weight in new[] { 5, 25, 50, 100 })
        {
            var put = await DeploymentApiTests.PutTrafficAsync(host.Client, $$"""{ "mode": "canary", "challenger": 2, "weights": { "1": {{100 - weight}}, "2": {{weight}} } }""");
            Assert.True(put.IsSuccessStatusCode, await put.Content.ReadAsStringAsync());
            await Task.Delay(1500);
        }

        Assert.True((await host.Client.PostAsync("/api/models/xgb/rollback", TestLocalHost.Json("""{ "version": 1, "reason": "load test" }"""))).IsSuccessStatusCode);
        // Settled = 20 answers in a row from version 1: one v1 answer alone can still come from a lagging 50 % split on a
        // loaded machine (the last PUT's refresh not yet applied), which made this test flaky; 20 in a row by chance is 1e-6.
        var streak = 0;
        await RoutedPrediction.UntilAsync(host.Client, p => (streak = p.Version == 1 ? streak + 1 : 0) >= 20, TimeSpan.FromSeconds(30));
        var settled = load.Mark();
        await Task.Delay(1000);
        var results = await load.StopAsync();

        Assert.True(results.Count > 100, $"Only {results.Count} requests.");
        Assert.All(results, r => Assert.Equal(200, r.Status));
        // Version 1 only ever answers as champion, version 2 only as canary, and nothing else answers at all.
        Assert.All(results, r => Assert.True(r is { Version: 1, Reason: "champion" } or { Version: 2, Reason: "canary" }, r.ToString()));
        Assert.Contains(results, r => r.Version == 2);
        Assert.All(results.Skip(settled + 4 * 2), r => Assert.Equal(1, r.Version)); // Allow the few requests in flight at the mark.
    }
}
