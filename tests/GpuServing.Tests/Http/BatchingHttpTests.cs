using System.Net.Http.Json;
using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Serverless.Testing;
using Serverless.Training.Onnx;

namespace Serverless.GpuServing.Tests.Http;

public class BatchingHttpTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task Infer_ConcurrentSingleRows_EachCallerGetsItsOwnRow()
    {
        await using var app = new TestGpuApp(azurite, TestGpuApp.NewContainer(), ("GpuServing:Batching:MaxBatchSize", "16"), ("GpuServing:Batching:MaxQueueDelay", "00:00:00.050")).Start();
        await app.RegisterMlpAsync("mlp-rows", seed: 11);
        var mlp = MlpWeights.Generate(TestGpuApp.MlpWidths, 11);
        using var metrics = new MetricRecorder("mlp-rows");
        await app.Client.PostAsync("/v2/models/mlp-rows/infer", TestGpuApp.Json(TestGpuApp.MlpRequest(TestGpuApp.RandomRows(1, 0), 1)));

        var rows = Enumerable.Range(1, 48).Select(i => TestGpuApp.RandomRows(1, seed: i)).ToList();
        var responses = await Task.WhenAll(rows.Select((row, i) => InferAsync(app.Client, row, 1, $"r{i}", "mlp-rows")));

        for (var i = 0; i < rows.Count; i++)
        {
            Assert.Equal($"r{i}", responses[i].GetProperty("id").GetString());
            AssertRows(mlp.Evaluate(rows[i], 1), responses[i], 1);
        }

        Assert.Contains(metrics.Values("gpu_serving.batch.requests"), n => n > 1);
        Assert.All(metrics.Values("gpu_serving.batch.size"), n => Assert.InRange(n, 1, 16));
    }

    [Fact]
    public async Task Infer_ConcurrentMultiRowRequests_RowsKeptInOrder()
    {
        await using var app = new TestGpuApp(azurite, TestGpuApp.NewContainer(), ("GpuServing:Batching:MaxBatchSize", "12"), ("GpuServing:Batching:MaxQueueDelay", "00:00:00.050")).Start();
        await app.RegisterMlpAsync("mlp-multirow", seed: 12);
        var mlp = MlpWeights.Generate(TestGpuApp.MlpWidths, 12);

        // 1 to 5 rows each, and two larger than a batch (they run alone).
        var sizes = Enumerable.Range(0, 30).Select(i => i % 5 + 1).Append(13).Append(20).ToList();
        var inputs = sizes.Select((rows, i) => TestGpuApp.RandomRows(rows, seed: 100 + i)).ToList();
        var responses = await Task.WhenAll(inputs.Select((input, i) => InferAsync(app.Client, input, sizes[i], null, "mlp-multirow")));

        for (var i = 0; i < sizes.Count; i++)
        {
            AssertRows(mlp.Evaluate(inputs[i], sizes[i]), responses[i], sizes[i]);
        }
    }

    [Fact]
    public async Task Infer_FewerRowsThanABatch_WaitsMaxQueueDelayThenRuns()
    {
        await using var app = new TestGpuApp(azurite, TestGpuApp.NewContainer(), ("GpuServing:Batching:MaxBatchSize", "64"), ("GpuServing:Batching:MaxQueueDelay", "00:00:00.400")).Start();
        await app.RegisterMlpAsync("mlp-delay", seed: 13);
        await InferAsync(app.Client, TestGpuApp.RandomRows(1, 1), 1, null, "mlp-delay");
        using var metrics = new MetricRecorder("mlp-delay");

        var watch = Stopwatch.StartNew();
        await InferAsync(app.Client, TestGpuApp.RandomRows(1, 2), 1, null, "mlp-delay");
        watch.Stop();

        var delay = Assert.Single(metrics.Values("gpu_serving.queue.delay"));
        Assert.InRange(delay, 400, 400 + 10_000);
        Assert.True(watch.ElapsedMilliseconds >= 400, $"Answered after {watch.ElapsedMilliseconds} ms, before the 400 ms delay.");
    }

    [Fact]
    public async Task Infer_FullBatch_CutBeforeMaxQueueDelay()
    {
        await using var app = new TestGpuApp(azurite, TestGpuApp.NewContainer(), ("GpuServing:Batching:MaxBatchSize", "4"), ("GpuServing:Batching:MaxQueueDelay", "00:00:10")).Start();
        await app.RegisterMlpAsync("mlp-fullbatch", seed: 14);
        using var metrics = new MetricRecorder("mlp-fullbatch");

        // One request of exactly a batch's rows is cut at once, though the delay is 10 s.
        var watch = Stopwatch.StartNew();
        await InferAsync(app.Client, TestGpuApp.RandomRows(4, 3), 4, null, "mlp-fullbatch");

        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(9), $"A full batch waited {watch.Elapsed}.");
        Assert.Contains(4.0, metrics.Values("gpu_serving.batch.size"));
    }

    [Fact]
    public async Task Infer_QueueFull_503WithRetryAfter()
    {
        await using var app = new TestGpuApp(azurite, TestGpuApp.NewContainer(),
            ("GpuServing:Batching:MaxQueuedRequests", "1"), ("GpuServing:Batching:MaxQueueDelay", "00:00:03"), ("GpuServing:Batching:RetryAfterSeconds", "2")).Start();
        await app.RegisterMlpAsync("mlp-queuefull", seed: 15);
        await app.Client.GetAsync("/v2/models/mlp-queuefull/ready");
        using var metrics = new MetricRecorder("mlp-queuefull");

        var waiting = InferAsync(app.Client, TestGpuApp.RandomRows(1, 4), 1, null, "mlp-queuefull");
        await Eventually(() => Queued(app, "mlp-queuefull") == 1);
        var refused = await app.Client.PostAsync("/v2/models/mlp-queuefull/infer", TestGpuApp.Json(TestGpuApp.MlpRequest(TestGpuApp.RandomRows(1, 5), 1)));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(2), refused.Headers.RetryAfter?.Delta);
        Assert.Contains("queue is full", (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString());
        await waiting;
        Assert.Equal([1.0], metrics.Values("gpu_serving.queue.rejected"));
    }

    [Fact]
    public async Task Infer_CallerCancelsBeforeBatchStarts_RemovedFromQueue()
    {
        await using var app = new TestGpuApp(azurite, TestGpuApp.NewContainer(), ("GpuServing:Batching:MaxQueueDelay", "00:00:03")).Start();
        await app.RegisterMlpAsync("mlp-cancel", seed: 16);
        await app.Client.GetAsync("/v2/models/mlp-cancel/ready");
        using var metrics = new MetricRecorder("mlp-cancel");

        using (var cancel = new CancellationTokenSource())
        {
            var request = app.Client.PostAsync("/v2/models/mlp-cancel/infer", TestGpuApp.Json(TestGpuApp.MlpRequest(TestGpuApp.RandomRows(1, 6), 1)), cancel.Token);
            await Eventually(() => Queued(app, "mlp-cancel") == 1);
            await cancel.CancelAsync();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => request);
        }

        await Eventually(() => Queued(app, "mlp-cancel") == 0);
        await Task.Delay(TimeSpan.FromSeconds(3.5));
        Assert.Equal([1.0], metrics.Values("gpu_serving.queue.cancelled"));
        Assert.Empty(metrics.Values("gpu_serving.batch.size"));
    }

    internal static async Task<JsonElement> InferAsync(HttpClient client, float[] values, int rows, string? id, string model = "mlp")
    {
        var response = await client.PostAsync($"/v2/models/{model}/infer", TestGpuApp.Json(TestGpuApp.MlpRequest(values, rows, id)));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement;
    }

    internal static void AssertRows(float[] expected, JsonElement response, int rows)
    {
        var output = response.GetProperty("outputs")[0];
        Assert.Equal(MlpOnnxExporter.OutputName, output.GetProperty("name").GetString());
        Assert.Equal([rows, 10], output.GetProperty("shape").EnumerateArray().Select(d => d.GetInt32()));
        var actual = output.GetProperty("data").EnumerateArray().Select(v => v.GetSingle()).ToArray();
        Assert.Equal(expected.Length, actual.Length);
        for (var i = 0; i < expected.Length; i++)
        {
            Assert.True(Math.Abs(expected[i] - actual[i]) < 1e-5f, $"Element {i}: served {actual[i]}, reference {expected[i]}.");
        }
    }

    internal static int Queued(TestGpuApp app, string model) =>
        (app.Services.GetService(typeof(GpuServing.Models.ModelCatalog)) as GpuServing.Models.ModelCatalog)?.Find(model, null)?.Queued ?? -1;

    internal static async Task Eventually(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "Condition not met within 60 s.");
            await Task.Delay(20);
        }
    }
}
