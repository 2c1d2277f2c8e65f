using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Azure.Storage.Blobs;
using Microsoft.Extensions.Options;
using Serverless.Api.Gpu;
using Serverless.Core.Models;
using Serverless.Testing;

namespace Serverless.Api.Tests.Gpu;

public class GpuForwarderTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private const string Body = """{"inputs":[{"name":"X","datatype":"FP32","shape":[1,4],"data":[1,2,3,4]}]}""";

    [Fact]
    public async Task ForwardAsync_GpuAppDown_503ThenImmediate503OnceTheCircuitOpens()
    {
        var container = AzuriteFixture.UniqueName("fwd");
        await RegisterAsync(container, "heavy", ModelServing.Gpu);
        await using var host = await FunctionAppOipHost.StartAsync(Settings(container, $"http://127.0.0.1:{UnusedPort()}"));

        var first = await host.Client.PostAsync("/v2/models/heavy/infer", Json(Body));
        var watch = Stopwatch.StartNew();
        var second = await host.Client.PostAsync("/v2/models/heavy/infer", Json(Body));
        watch.Stop();

        Assert.Equal(HttpStatusCode.ServiceUnavailable, first.StatusCode);
        Assert.Contains("served by the GPU app, which did not answer", await Error(first));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, second.StatusCode);
        Assert.Contains("failed repeatedly; calls to it are paused", await Error(second));
        Assert.Equal(TimeSpan.FromSeconds(30), second.Headers.RetryAfter?.Delta);
        Assert.Equal("gpu", second.Headers.GetValues(GpuForwarder.ServedByHeader).Single());
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), $"An open circuit took {watch.Elapsed} to answer.");
    }

    [Fact]
    public async Task InferAsync_CpuModelWithForwardingOn_ServedByTheFunctionApp()
    {
        var container = AzuriteFixture.UniqueName("fwd");
        await RegisterAsync(container, "light", ModelServing.Cpu);
        await using var host = await FunctionAppOipHost.StartAsync(Settings(container, $"http://127.0.0.1:{UnusedPort()}"));

        var response = await host.Client.PostAsync("/v2/models/light/infer", Json(Body));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("function", response.Headers.GetValues(GpuForwarder.ServedByHeader).Single());
    }

    [Fact]
    public void Validate_RelativeBaseUrl_NamesTheSetting()
    {
        var result = new GpuForwardingOptionsValidator().Validate(null, new GpuForwardingOptions { BaseUrl = "gpu:8080" });

        Assert.Contains("GpuForwarding:BaseUrl must be an absolute http(s) URL", result.FailureMessage);
    }

    private (string, string)[] Settings(string container, string gpuUrl) =>
    [
        ("AzureWebJobsStorage", azurite.ConnectionString), ("Registry:Container", container), ("GpuForwarding:BaseUrl", gpuUrl),
        ("GpuForwarding:MaxRetries", "1"), ("GpuForwarding:MinimumThroughput", "2"), ("GpuForwarding:BreakDuration", "00:00:30"),
        ("GpuForwarding:AttemptTimeout", "00:00:05"), ("GpuForwarding:Timeout", "00:00:20"),
    ];

    private async Task RegisterAsync(string container, string name, ModelServing serving)
    {
        var registry = new BlobModelRegistry(new BlobServiceClient(azurite.ConnectionString), Options.Create(new RegistryOptions { Container = container }), TimeProvider.System);
        await registry.RegisterAndPromoteIfFirstAsync(
            new ModelRegistration { Name = name, Onnx = await File.ReadAllBytesAsync(RepositoryPaths.XgbRegressorOnnx), Serving = serving, CreatedBy = "tests" },
            TimeProvider.System);
    }

    private static int UnusedPort()
    {
        using var socket = new TcpListener(IPAddress.Loopback, 0);
        socket.Start();
        return ((IPEndPoint)socket.LocalEndpoint).Port;
    }

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    private static async Task<string> Error(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString()!;
}
