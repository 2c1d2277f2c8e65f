using System.Globalization;
using System.Text.Json;
using Serverless.Core.Models;
using Serverless.Core.Tests.Scoring.TestModels;
using Serverless.Testing;

namespace Serverless.GpuServing.Tests.Http;

public class ShapeGroupingTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task Infer_ShapesThatCannotConcatenate_BatchedSeparatelyAndEachGetsItsOwnData()
    {
        await using var app = new TestGpuApp(azurite, TestGpuApp.NewContainer(), ("GpuServing:Batching:MaxQueueDelay", "00:00:00.100")).Start();
        await app.Registry.RegisterAndPromoteIfFirstAsync(
            new ModelRegistration { Name = "echo", Onnx = TestOnnxModels.Identity(("x", TestOnnxModels.Float, [-1, -1])), CreatedBy = "tests" }, TimeProvider.System);
        using var metrics = new MetricRecorder("echo");

        // Widths 2, 3 and 4 cannot share a tensor; rows of one width can.
        var requests = Enumerable.Range(0, 24).Select(i => (Rows: i % 2 + 1, Width: i % 3 + 2, First: i * 100)).ToList();
        var responses = await Task.WhenAll(requests.Select(r => SendAsync(app.Client, r.Rows, r.Width, r.First)));

        for (var i = 0; i < requests.Count; i++)
        {
            var (rows, width, first) = requests[i];
            var output = responses[i].GetProperty("outputs")[0];
            Assert.Equal([rows, width], output.GetProperty("shape").EnumerateArray().Select(d => d.GetInt32()));
            Assert.Equal(Enumerable.Range(first, rows * width).Select(v => (float)v), output.GetProperty("data").EnumerateArray().Select(v => v.GetSingle()));
        }

        Assert.Contains(metrics.Values("gpu_serving.batch.requests"), n => n > 1);
    }

    private static async Task<JsonElement> SendAsync(HttpClient client, int rows, int width, int first)
    {
        var data = string.Join(',', Enumerable.Range(first, rows * width).Select(v => v.ToString(CultureInfo.InvariantCulture)));
        var body = $$"""{"inputs":[{"name":"x","datatype":"FP32","shape":[{{rows}},{{width}}],"data":[{{data}}]}]}""";
        var response = await client.PostAsync("/v2/models/echo/infer", TestGpuApp.Json(body));
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, text);
        return JsonDocument.Parse(text).RootElement;
    }
}
