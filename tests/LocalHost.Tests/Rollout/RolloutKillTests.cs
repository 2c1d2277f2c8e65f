using System.Net.Http.Json;
using System.Text.Json;
using Serverless.Testing;

namespace Serverless.LocalHost.Tests.Rollout;

/// <summary>
/// A local host process killed with SIGKILL while a rollout bakes; a fresh host on the same task hub and storage takes
/// the orchestration over (after the partition lease lapses) and finishes it, each step's weights written once.
/// </summary>
public class RolloutKillTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(3);

    [Fact]
    public async Task Rollout_HostKilledDuringABake_ANewHostFinishesIt()
    {
        var apiKey = TestApiKey.New();
        var environment = new Dictionary<string, string>
        {
            ["AzureWebJobsStorage"] = azurite.ConnectionString,
            ["Registry__Container"] = AzuriteFixture.UniqueName("models"),
            ["Monitoring__WindowTable"] = AzuriteFixture.UniqueName("windows"),
            ["Rollout__AuditTable"] = AzuriteFixture.UniqueName("audit"),
            ["DurableTaskHubName"] = AzuriteFixture.UniqueName("hub"),
            ["LocalHost__StartAzurite"] = "false",
            ["LocalHost__SeedSampleModel"] = "false",
            ["ApiKey__Key"] = apiKey,
            ["Rollout__Canary__Steps"] = "50,100",
            ["Rollout__Canary__Bake"] = "00:00:08",
        };
        foreach (var (key, value) in RolloutEndToEndTests.Fast.Where(s => s.Item1 != "Rollout:Canary:Bake"))
        {
            environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        using (var first = await HostProcess.StartAsync(environment, apiKey, TimeSpan.FromMinutes(1)))
        {
            foreach (var _ in new[] { 1, 2 })
            {
                using var content = new MultipartFormDataContent
                {
                    { new ByteArrayContent(TestLocalHost.Xgb), "model", "model.onnx" },
                    { new StringContent($$"""{ "features": {{TestLocalHost.XgbSchema}} }"""), "manifest" },
                };
                (await first.Client.PostAsync("/api/models/xgb/versions", content)).EnsureSuccessStatusCode();
            }

            using var load = new LoadGenerator(first.Client, workers: 2);
            var start = await RolloutCalls.StartAsync(first.Client, """{ "version": 2, "reason": "kill test" }""");
            Assert.True(start.IsSuccessStatusCode, await start.Content.ReadAsStringAsync());
            await RolloutCalls.UntilAsync(first.Client, s => RolloutCalls.At(s, "baking", 1), Timeout);
            Assert.All(await load.StopAsync(), r => Assert.Equal(200, r.Status));
            await first.KillAsync();
        }

        using var second = await HostProcess.StartAsync(environment, apiKey, TimeSpan.FromMinutes(1));
        // Nothing ran the rollout while no host was up: the new host finds it mid-way and carries it on.
        Assert.Equal("Running", (await RolloutCalls.StatusAsync(second.Client)).GetProperty("runtimeStatus").GetString());
        using var secondLoad = new LoadGenerator(second.Client, workers: 2);
        var done = await RolloutCalls.UntilAsync(second.Client, RolloutCalls.Completed, Timeout);
        var results = await secondLoad.StopAsync();

        var output = done.GetProperty("output");
        Assert.True(output.GetProperty("outcome").GetString() == "promoted", done.ToString());
        Assert.All(results, r => Assert.Equal(200, r.Status));
        var history = await second.Client.GetFromJsonAsync<JsonElement>("/api/models/xgb/history");
        Assert.Equal(2, history.GetProperty("state").GetProperty("champion").GetInt32());
        var changes = history.GetProperty("changes").EnumerateArray().Reverse()
            .Where(c => c.GetProperty("by").GetString() == RolloutCalls.Instance).Select(c => c.GetProperty("to").GetString()!).ToList();
        Assert.Equal(["canary champion=1 challenger=2 weight=50", "canary champion=1 challenger=2 weight=100", "single champion=2"], changes);
    }
}
