using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Serverless.Api.Gpu;
using Serverless.Api.Tests.Gpu;
using Serverless.Core.Models;
using Serverless.Testing;
using Serverless.Training.Onnx;

namespace Serverless.GpuServing.Tests.Http;

/// <summary>
/// Record predictions of a heavy model: the GPU app's record route (batched like infer) and the function app forwarding
/// it, against a plain C# forward pass of the same network.
/// </summary>
public class RecordPredictTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private static readonly string[] Classes = [.. Enumerable.Range(0, 10).Select(i => $"c{i}")];

    [Fact]
    public async Task Predict_GpuApp_ConcurrentRecordRequests_EachGetsItsOwnRowsMatchingTheReference()
    {
        var container = TestGpuApp.NewContainer();
        await using var gpu = new TestGpuApp(azurite, container).Start();
        var weights = await RegisterAsync(gpu, "heavy", seed: 71, ModelServing.Gpu);

        var requests = Enumerable.Range(0, 24).Select(i => (Rows: 1 + i % 3, Values: TestGpuApp.RandomRows(1 + i % 3, seed: 100 + i))).ToList();
        var responses = await Task.WhenAll(requests.Select(r => gpu.Client.PostAsync("/api/models/heavy/predict", TestGpuApp.Json(Records(r.Values, r.Rows)))));

        for (var i = 0; i < requests.Count; i++)
        {
            Assert.Equal(HttpStatusCode.OK, responses[i].StatusCode);
            var body = await responses[i].Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal(("heavy", 1), (body.GetProperty("model").GetString(), body.GetProperty("version").GetInt32()));
            var expected = weights.Evaluate(requests[i].Values, requests[i].Rows);
            var predictions = body.GetProperty("predictions");
            Assert.Equal(requests[i].Rows, predictions.GetArrayLength());
            for (var r = 0; r < requests[i].Rows; r++)
            {
                var row = expected.AsSpan(r * 10, 10);
                var probabilities = predictions[r].GetProperty("probabilities");
                for (var c = 0; c < 10; c++)
                {
                    Assert.Equal(row[c], probabilities.GetProperty(Classes[c]).GetSingle(), 1e-5f);
                }

                Assert.Equal(Classes[row.IndexOf(Max(row))], predictions[r].GetProperty("label").GetString());
            }
        }
    }

    [Fact]
    public async Task Predict_GpuModelThroughFunctionApp_SameBytesAsTheGpuApp_BadInputToo_CpuModelsStayLocal()
    {
        var container = TestGpuApp.NewContainer();
        await using var gpu = new TestGpuApp(azurite, container).Start();
        await RegisterAsync(gpu, "heavy", seed: 72, ModelServing.Gpu);
        await RegisterAsync(gpu, "light", seed: 73, ModelServing.Cpu);
        await using var functionApp = await FunctionAppOipHost.StartAsync(
            ("AzureWebJobsStorage", azurite.ConnectionString), ("Registry:Container", container), ("GpuForwarding:BaseUrl", gpu.Client.BaseAddress!.ToString()));
        var good = Records(TestGpuApp.RandomRows(2, seed: 74), 2);
        string[] bad = ["""{ "records": [ { "f0": "not a number" } ] }""", """{ "records": [] }""", """{ "rows": [] }"""];

        foreach (var body in bad.Prepend(good))
        {
            var direct = await SendAsync(gpu.Client, "heavy", body);
            var forwarded = await SendAsync(functionApp.Client, "heavy", body);

            Assert.Equal(direct.StatusCode, forwarded.StatusCode);
            Assert.Equal(await direct.Content.ReadAsStringAsync(), await forwarded.Content.ReadAsStringAsync());
            Assert.Equal("gpu", forwarded.Headers.GetValues(GpuForwarder.ServedByHeader).Single());
        }

        var local = await SendAsync(functionApp.Client, "light", good);
        var onGpu = await SendAsync(gpu.Client, "light", good);
        Assert.Equal(HttpStatusCode.OK, local.StatusCode);
        Assert.Equal("function", local.Headers.GetValues(GpuForwarder.ServedByHeader).Single());
        var (cpu, viaGpu) = (await local.Content.ReadFromJsonAsync<JsonElement>(), await onGpu.Content.ReadFromJsonAsync<JsonElement>());
        for (var r = 0; r < 2; r++)
        {
            Assert.Equal(viaGpu.GetProperty("predictions")[r].GetProperty("label").GetString(), cpu.GetProperty("predictions")[r].GetProperty("label").GetString());
            Assert.Equal(viaGpu.GetProperty("predictions")[r].GetProperty("probabilities").GetProperty("c3").GetSingle(),
                cpu.GetProperty("predictions")[r].GetProperty("probabilities").GetProperty("c3").GetSingle(), 1e-5f);
        }
    }

    [Fact]
    public async Task Predict_GpuApp_ModelWithoutSchema_400PointsToInfer()
    {
        await using var gpu = new TestGpuApp(azurite, TestGpuApp.NewContainer()).Start();
        await gpu.RegisterMlpAsync("bare", seed: 75, ModelServing.Gpu);

        var response = await SendAsync(gpu.Client, "bare", Records(TestGpuApp.RandomRows(1, seed: 76), 1));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("/v2/models/bare/versions/1/infer", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString());
    }

    /// <summary>The MLP with a record schema: 256 numeric features f0..f255 feeding its input, ten named classes.</summary>
    private static async Task<MlpWeights> RegisterAsync(TestGpuApp gpu, string name, int seed, ModelServing serving)
    {
        var weights = MlpWeights.Generate(TestGpuApp.MlpWidths, seed);
        var features = new FeatureSchema("input", [.. Enumerable.Range(0, 256).Select(i => new FeatureDefinition($"f{i}", FeatureKind.Numeric))]);
        await gpu.Registry.RegisterAndPromoteIfFirstAsync(new ModelRegistration
        {
            Name = name, Onnx = MlpOnnxExporter.Export(weights), Serving = serving, Task = ModelTask.Classification, Features = features,
            ClassLabels = Classes, CreatedBy = "tests",
        }, TimeProvider.System);
        return weights;
    }

    private static string Records(float[] values, int rows)
    {
        var body = new StringBuilder("""{ "records": [""");
        for (var r = 0; r < rows; r++)
        {
            body.Append(r == 0 ? "{" : ",{");
            body.AppendJoin(',', Enumerable.Range(0, 256).Select(i => $"\"f{i}\":{values[r * 256 + i].ToString("R", CultureInfo.InvariantCulture)}"));
            body.Append('}');
        }

        return body.Append("] }").ToString();
    }

    private static async Task<HttpResponseMessage> SendAsync(HttpClient client, string model, string body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/models/{model}/predict") { Content = TestGpuApp.Json(body) };
        request.Headers.Add("x-request-id", "same-id");
        return await client.SendAsync(request);
    }

    private static float Max(ReadOnlySpan<float> row)
    {
        var max = row[0];
        foreach (var v in row)
        {
            max = Math.Max(max, v);
        }

        return max;
    }
}
