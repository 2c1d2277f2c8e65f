using System.Net.Http.Json;
using System.Text.Json;
using Serverless.Core.Tests.Scoring.TestModels;
using Serverless.Testing;

namespace Serverless.LocalHost.Tests.Rollout;

/// <summary>
/// Staged rollouts end to end on the local host: Kestrel on loopback, real Azurite, the real Durable Task Framework,
/// real ONNX Runtime, and a bounded load generator (4 closed-loop workers) predicting throughout. Bakes are seconds.
/// </summary>
public class RolloutEndToEndTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(3);
    private static readonly string Manifest = $$"""{ "features": {{TestLocalHost.XgbSchema}} }""";

    /// <summary>Short bakes, prompt routing and window flushes; latency limits generous for a loaded CI machine.</summary>
    internal static readonly (string, string)[] Fast =
    [
        ("Scoring:DeploymentRefreshInterval", "00:00:00.200"),
        ("Monitoring:FlushInterval", "00:00:01"),
        ("Rollout:Canary:Bake", "00:00:04"),
        ("Rollout:Health:MinRequests", "20"),
        ("Rollout:Health:MaxLatencyRatio", "3"),
        ("Rollout:Health:LatencySlackMilliseconds", "50"),
    ];

    [Fact]
    public async Task Rollout_CandidateFailsOnRealRows_RolledBackAtTheFirstCanaryStepAndChampionUsersSeeNoErrors()
    {
        using var host = TestLocalHost.OnLoopback(azurite, Fast);
        await host.RegisterAsync("xgb", TestLocalHost.Xgb, Manifest);
        // Loads and registers fine; ONNX Runtime refuses every row whose "a" is not 0 (a Gather out of bounds), as the load's rows are.
        await host.RegisterAsync("xgb", TestOnnxModels.FailsUnlessFirstFeatureIsZero(), Manifest);
        var (done, results, settled) = await RollOutUnderLoadAsync(host, "fault injection");

        var output = done.GetProperty("output");
        Assert.Equal(("rolled-back", 1), (output.GetProperty("outcome").GetString(), output.GetProperty("serving").GetInt32()));
        Assert.Contains("canary 5 %", output.GetProperty("detail").GetString(), StringComparison.Ordinal);
        var health = done.GetProperty("customStatus").GetProperty("health");
        Assert.Equal(("fail", 1), (health.GetProperty("verdict").GetString(), done.GetProperty("customStatus").GetProperty("step").GetInt32()));

        // Every success came from the champion; the failures are the candidate's, and the server counted them as its.
        var failed = results.Count(r => r.Status != 200);
        Assert.True(failed > 0, "The injected fault never reached a request.");
        Assert.All(results, r => Assert.True(r is { Status: 200, Version: 1, Reason: "champion" } || r.Status == 500, r.ToString()));
        Assert.All(results.Skip(settled), r => Assert.Equal(new RoutedPrediction(200, 1, "champion"), r));
        var (championErrors, candidateErrors) = await ErrorsByVersionAsync(host.Client, failed);
        Assert.Equal((0, failed), (championErrors, candidateErrors));

        var history = await host.Client.GetFromJsonAsync<JsonElement>("/api/models/xgb/history");
        Assert.Equal(("single", 1), (history.GetProperty("state").GetProperty("mode").GetString(), history.GetProperty("state").GetProperty("champion").GetInt32()));
        var changes = history.GetProperty("changes").EnumerateArray().Select(c => c.GetProperty("to").GetString()!).ToList();
        Assert.DoesNotContain(changes, c => c.Contains("weight=25", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Rollout_HealthyCandidateUnderLoad_PromotedThroughEveryCanaryStepWithZeroFailedRequests()
    {
        using var host = TestLocalHost.OnLoopback(azurite, Fast);
        await DeploymentApiTests.RegisterAsync(host, 2);
        var (done, results, settled) = await RollOutUnderLoadAsync(host, "happy path");

        var output = done.GetProperty("output");
        Assert.True(output.GetProperty("outcome").GetString() == "promoted", done.ToString());
        Assert.Equal(2, output.GetProperty("serving").GetInt32());
        Assert.True(results.Count > 200, $"Only {results.Count} requests.");
        Assert.All(results, r => Assert.Equal(200, r.Status));
        Assert.All(results, r => Assert.True(r is { Version: 1, Reason: "champion" } or { Version: 2, Reason: "canary" or "champion" }, r.ToString()));
        Assert.Contains(results, r => r is { Version: 2, Reason: "canary" });
        Assert.All(results.Skip(settled), r => Assert.Equal(new RoutedPrediction(200, 2, "champion"), r));

        // Each step's weights were written once, by the rollout, in order; then the promotion.
        var changes = (await host.Client.GetFromJsonAsync<JsonElement>("/api/models/xgb/history")).GetProperty("changes").EnumerateArray()
            .Reverse().Where(c => c.GetProperty("by").GetString() == RolloutCalls.Instance).Select(c => c.GetProperty("to").GetString()!).ToList();
        Assert.Equal(
            ["canary champion=1 challenger=2 weight=5", "canary champion=1 challenger=2 weight=25", "canary champion=1 challenger=2 weight=50",
             "canary champion=1 challenger=2 weight=100", "single champion=2"],
            changes);
    }

    /// <summary>Rolls out version 2 while 4 workers predict; the final status, every prediction, and where the final routing holds from.</summary>
    private static async Task<(JsonElement Done, List<RoutedPrediction> Results, int Settled)> RollOutUnderLoadAsync(TestLocalHost host, string reason)
    {
        await RoutedPrediction.SendAsync(host.Client);
        using var load = new LoadGenerator(host.Client, workers: 4);
        var start = await RolloutCalls.StartAsync(host.Client, $$"""{ "version": 2, "reason": "{{reason}}" }""");
        Assert.True(start.IsSuccessStatusCode, await start.Content.ReadAsStringAsync());
        var done = await RolloutCalls.UntilAsync(host.Client, RolloutCalls.Completed, Timeout);
        var settled = await SettleAsync(load);
        return (done, await load.StopAsync(), settled);
    }

    /// <summary>
    /// Lets the load run on after the rollout ended: a second (five routing refreshes) for every request to see the final
    /// routing, then 100 more requests; returns the index from which all must (allowing the 4 workers' requests in flight).
    /// </summary>
    internal static async Task<int> SettleAsync(LoadGenerator load)
    {
        await Task.Delay(1000);
        var settled = load.Mark() + 8;
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (load.Mark() < settled + 100 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }

        return settled;
    }

    /// <summary>The errors the stats endpoint counts for versions 1 and 2, once the candidate's reach <paramref name="expected"/> (windows flush every second).</summary>
    private static async Task<(long Champion, long Candidate)> ErrorsByVersionAsync(HttpClient client, long expected)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var stats = await client.GetFromJsonAsync<JsonElement>("/api/models/xgb/stats");
            long Errors(int version) => stats.GetProperty("versions").EnumerateArray()
                .Where(v => v.GetProperty("version").GetInt32() == version).Sum(v => v.GetProperty("summary").GetProperty("errors").GetInt64());
            var errors = (Errors(1), Errors(2));
            if (errors.Item2 >= expected || DateTime.UtcNow > deadline)
            {
                return errors;
            }

            await Task.Delay(250);
        }
    }
}
