using Microsoft.Extensions.Hosting;
using Serverless.Testing;
using Serverless.Training.Onnx;

namespace Serverless.GpuServing.Tests.Http;

public class ShutdownTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task Stop_RequestsQueued_AllAnsweredBeforeExit()
    {
        await using var app = new TestGpuApp(azurite, TestGpuApp.NewContainer(), ("GpuServing:Batching:MaxQueueDelay", "00:00:02")).Start();
        await app.RegisterMlpAsync("mlp", seed: 51);
        var mlp = MlpWeights.Generate(TestGpuApp.MlpWidths, 51);
        await BatchingHttpTests.InferAsync(app.Client, TestGpuApp.RandomRows(1, 0), 1, null);

        var rows = Enumerable.Range(1, 10).Select(i => TestGpuApp.RandomRows(1, seed: i)).ToList();
        var requests = rows.Select(row => BatchingHttpTests.InferAsync(app.Client, row, 1, null)).ToList();
        await BatchingHttpTests.Eventually(() => BatchingHttpTests.Queued(app, "mlp") == rows.Count);
        ((IHostApplicationLifetime)app.Services.GetService(typeof(IHostApplicationLifetime))!).StopApplication();

        var responses = await Task.WhenAll(requests);
        for (var i = 0; i < rows.Count; i++)
        {
            BatchingHttpTests.AssertRows(mlp.Evaluate(rows[i], 1), responses[i], 1);
        }
    }
}
