using System.Net.Http.Json;
using System.Net;
using System.Text.Json;
using Serverless.GpuServing.Tests.Http;
using Serverless.Testing;

namespace Serverless.GpuServing.Tests.Models;

public class ReadinessTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task Ready_ConfiguredModelNotLoaded_503UntilLoadedAndWarmed()
    {
        await using var app = new TestGpuApp(azurite, TestGpuApp.NewContainer(), ("GpuServing:Models:0", "mlp"), ("GpuServing:RefreshInterval", "00:00:00.200")).Start();

        var before = await app.Client.GetAsync("/v2/health/ready");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, before.StatusCode);
        Assert.False((await before.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("ready").GetBoolean());

        await app.RegisterMlpAsync("mlp", seed: 31);
        await BatchingHttpTests.Eventually(() => app.Client.GetAsync("/v2/health/ready").Result.StatusCode == HttpStatusCode.OK);

        // Ready means warmed: the configured model answers at once, and its ready route says so without loading.
        var catalog = (GpuServing.Models.ModelCatalog)app.Services.GetService(typeof(GpuServing.Models.ModelCatalog))!;
        Assert.True(catalog.Find("mlp", null)!.IsReady);
        var modelReady = await app.Client.GetAsync("/v2/models/mlp/ready");
        Assert.Equal(HttpStatusCode.OK, modelReady.StatusCode);
        Assert.True((await modelReady.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("ready").GetBoolean());
    }

    [Fact]
    public async Task ModelReady_NotYetLoaded_503ThenReadyOnceWarmed()
    {
        await using var app = new TestGpuApp(azurite, TestGpuApp.NewContainer()).Start();
        await app.RegisterMlpAsync("mlp", seed: 32);

        var first = await app.Client.GetAsync("/v2/models/mlp/versions/1/ready");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, first.StatusCode);
        Assert.False((await first.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("ready").GetBoolean());

        await BatchingHttpTests.Eventually(() => app.Client.GetAsync("/v2/models/mlp/versions/1/ready").Result.StatusCode == HttpStatusCode.OK);
    }

    [Fact]
    public async Task ModelReady_UnknownModel_404()
    {
        await using var app = new TestGpuApp(azurite, TestGpuApp.NewContainer()).Start();

        var response = await app.Client.GetAsync("/v2/models/nothing/ready");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("Model 'nothing' is not registered.", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString());
    }
}
