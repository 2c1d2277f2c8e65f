using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Serverless.Core.Scoring;
using Serverless.Testing;

namespace Serverless.LocalHost.Tests.Rollout;

/// <summary>Shadow mode over real HTTP on Azurite: the champion answers every request, the challenger's comparison is recorded.</summary>
public class ShadowRoutingTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    // Version 2 reads the same ONNX file with columns a and c swapped and d's categories reversed: the same inputs give different values, so the
    // comparison has something to find, and it proves the shadow parses the copy with its own encoder.
    private const string Swapped = """{ "features": { "inputName": "X", "features": [ {"name":"c","kind":"numeric"}, {"name":"b","kind":"numeric"}, {"name":"a","kind":"numeric","required":true}, {"name":"d","kind":"categorical","categories":["high","low"]} ] } }""";

    [Fact]
    public async Task Predict_ShadowAt100Percent_ResponsesUnchangedAndComparisonRecordedOnTheServingVersion()
    {
        using var host = new TestLocalHost(azurite, ("Scoring:DeploymentRefreshInterval", "00:00:00.300"), ("Monitoring:FlushInterval", "00:00:01"));
        await DeploymentApiTests.RegisterAsync(host, 1);
        await host.RegisterAsync("xgb", TestLocalHost.Xgb, Swapped);
        var baseline = await PredictAsync(host.Client);
        var pinned2 = await (await host.Client.PostAsync("/api/models/xgb/versions/2/predict", TestLocalHost.Json(RoutedPrediction.Body)))
            .Content.ReadFromJsonAsync<JsonElement>();
        var (served, shadowed) = (Value(baseline), Value(pinned2));
        Assert.NotEqual(served, shadowed);

        var put = await DeploymentApiTests.PutTrafficAsync(host.Client, """{ "mode": "shadow", "challenger": 2, "weights": { "1": 100, "2": 100 } }""");
        Assert.True(put.IsSuccessStatusCode, await put.Content.ReadAsStringAsync());
        var shadows = host.Services.GetRequiredService<ShadowScorer>();
        await PollAsync(async () => { await PredictAsync(host.Client); return shadows.Scored > 0; });
        var before = shadows.Scored;
        var during = await Task.WhenAll(Enumerable.Range(0, 40).Select(_ => PredictAsync(host.Client)));

        Assert.All(during, b => Assert.Equal((1, "champion", served), (b.GetProperty("version").GetInt32(), b.GetProperty("reason").GetString(), Value(b))));
        JsonElement total = default;
        await PollAsync(async () =>
        {
            var versions = (await host.Client.GetFromJsonAsync<JsonElement>("/api/models/xgb/stats?version=1")).GetProperty("versions");
            if (versions.GetArrayLength() == 0)
            {
                return false; // Not flushed yet.
            }

            total = versions[0].GetProperty("total");
            return total.GetProperty("shadowCompared").GetInt64() >= 40 && shadows.Scored >= before + 40;
        });
        var compared = total.GetProperty("shadowCompared").GetInt64();
        Assert.Equal(0, total.GetProperty("shadowAgreed").GetInt64()); // Every row's value differs.
        Assert.Equal(Math.Abs(served - shadowed), total.GetProperty("shadowScoreDifference").GetDouble() / compared, 4);
        await PollAsync(async () => // The shadow's own traffic, in its own version's window.
        {
            var versions = (await host.Client.GetFromJsonAsync<JsonElement>("/api/models/xgb/stats?version=2")).GetProperty("versions");
            return versions.GetArrayLength() == 1 && versions[0].GetProperty("total").GetProperty("records").GetInt64() >= 40;
        });
    }

    [Fact]
    public async Task Predict_ShadowAt50Percent_OnlyTheSampledShareIsCopied()
    {
        using var host = new TestLocalHost(azurite, ("Scoring:DeploymentRefreshInterval", "00:00:00.300"));
        await DeploymentApiTests.RegisterAsync(host, 2);
        await DeploymentApiTests.PutTrafficAsync(host.Client, """{ "mode": "shadow", "challenger": 2, "weights": { "1": 100, "2": 50 } }""");
        var shadows = host.Services.GetRequiredService<ShadowScorer>();
        await PollAsync(async () => { await PredictAsync(host.Client); return shadows.Scored > 0; });

        var before = shadows.Scored;
        const int sent = 400;
        foreach (var _ in Enumerable.Range(0, sent))
        {
            Assert.Equal(1, (await PredictAsync(host.Client)).GetProperty("version").GetInt32());
        }

        await Task.Delay(1000); // The queue drains off the response path.
        var copied = shadows.Scored - before;
        Assert.InRange(copied, sent * 0.35, sent * 0.65); // p = 0.5, n = 400: sigma = 10 rows, so 140-260 is +-6 sigma.
    }

    private static async Task<JsonElement> PredictAsync(HttpClient client)
    {
        using var response = await client.PostAsync("/api/models/xgb/predict", TestLocalHost.Json(RoutedPrediction.Body));
        Assert.Equal(200, (int)response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static float Value(JsonElement body) => body.GetProperty("predictions")[0].GetProperty("value").GetSingle();

    private static async Task PollAsync(Func<Task<bool>> done)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (!await done())
        {
            await Task.Delay(100, timeout.Token);
        }
    }
}
