using System.Text.Json;
using Serverless.Core.Models;
using Serverless.GpuServing.Models;
using Serverless.GpuServing.Tests.Http;
using Serverless.Testing;
using Serverless.Training.Onnx;

namespace Serverless.GpuServing.Tests.Models;

public class ModelSwapTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task Refresh_ChampionChangesUnderLoad_NoErrorsAndOldVersionUnloaded()
    {
        await using var app = new TestGpuApp(azurite, TestGpuApp.NewContainer(),
            ("GpuServing:Models:0", "mlp"), ("GpuServing:RefreshInterval", "00:00:00.200"), ("GpuServing:IdleVersionTimeout", "00:00:00.300"),
            ("GpuServing:Batching:MaxQueueDelay", "00:00:00.010")).Start();
        await app.RegisterMlpAsync("mlp", seed: 21);
        var v2 = await app.RegisterMlpAsync("mlp", seed: 22);
        var expected = new Dictionary<int, MlpWeights> { [1] = MlpWeights.Generate(TestGpuApp.MlpWidths, 21), [2] = MlpWeights.Generate(TestGpuApp.MlpWidths, 22) };
        await BatchingHttpTests.Eventually(() => app.Client.GetAsync("/v2/health/ready").Result.IsSuccessStatusCode);

        using var stop = new CancellationTokenSource();
        var seen = new System.Collections.Concurrent.ConcurrentBag<int>();
        var load = Enumerable.Range(0, 8).Select(worker => Task.Run(async () =>
        {
            for (var i = 0; !stop.IsCancellationRequested; i++)
            {
                var row = TestGpuApp.RandomRows(1, seed: worker * 100_000 + i);
                var response = await BatchingHttpTests.InferAsync(app.Client, row, 1, null);
                var version = int.Parse(response.GetProperty("model_version").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
                BatchingHttpTests.AssertRows(expected[version].Evaluate(row, 1), response, 1);
                seen.Add(version);
            }
        })).ToList();

        await BatchingHttpTests.Eventually(() => seen.Contains(1));
        await app.Registry.UpdateDeploymentAsync("mlp", s => s! with { Champion = v2.Version, UpdatedAt = DateTimeOffset.UtcNow, UpdatedBy = "tests" });
        var catalog = (ModelCatalog)app.Services.GetService(typeof(ModelCatalog))!;
        await BatchingHttpTests.Eventually(() => catalog.Find("mlp", 1) is null && seen.Contains(2));
        await Task.Delay(500);
        await stop.CancelAsync();

        // Every request during the swap answered 200 with the rows of the version it names (asserted in the loop).
        await Task.WhenAll(load);
        Assert.Equal(2, catalog.Find("mlp", null)!.Manifest.Version);
    }
}
