using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Serverless.Testing;

namespace Serverless.LocalHost.Tests.Capacity;

/// <summary><c>GET /api/capacity</c> through the local host's pipeline, on a real registry in Azurite.</summary>
public class CapacityApiTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task GetCapacity_RegisteredModelWithoutTraffic_AnswersTheBenchmarkEstimate()
    {
        using var host = new TestLocalHost(azurite);
        await host.RegisterAsync("xgb", TestLocalHost.Xgb, $$"""{ "features": {{TestLocalHost.XgbSchema}} }""");

        var response = await host.Client.GetAsync("/api/capacity?qps=1000000&p99Ms=50&model=xgb&concurrency=64");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(133, body.GetProperty("functions").GetProperty("instances").GetInt32());
        Assert.StartsWith("bench/README.md", body.GetProperty("costSource").GetString(), StringComparison.Ordinal);
        Assert.True(body.GetProperty("steps").GetArrayLength() >= 5);
    }

    [Theory]
    [InlineData("/api/capacity?qps=1000000&p99Ms=50&model=missing", HttpStatusCode.NotFound)]
    [InlineData("/api/capacity?qps=lots&p99Ms=50", HttpStatusCode.BadRequest)]
    public async Task GetCapacity_BadQuery_AnswersErrorBody(string url, HttpStatusCode expected)
    {
        using var host = new TestLocalHost(azurite);

        var response = await host.Client.GetAsync(url);

        Assert.Equal(expected, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.False(string.IsNullOrWhiteSpace(body.GetProperty("error").GetString()));
    }
}
