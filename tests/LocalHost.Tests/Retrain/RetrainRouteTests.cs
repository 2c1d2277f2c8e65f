using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Serverless.Testing;

namespace Serverless.LocalHost.Tests.Retrain;

/// <summary><c>POST /api/models/{name}/retrain</c>'s refusals on the local host: each answers before any workflow starts.</summary>
public class RetrainRouteTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Theory]
    [InlineData("""{ "reason": "because" }""", "'reason'")]
    [InlineData("""{ "reasons": "manual" }""", "'reasons'")]
    [InlineData("""{ "spec": "train it" }""", "'spec'")]
    [InlineData("""{ "detail": 7 }""", "'detail'")]
    [InlineData("""[ "manual" ]""", "JSON object")]
    [InlineData("not json", "not valid JSON")]
    [InlineData("""{ "spec": { "data": { "blob": "c/d.csv" }, "label": "y" } }""", "task")]
    [InlineData("""{ "spec": { "data": { "path": "local.csv" }, "label": "y", "task": "binary" } }""", "data.blob")]
    [InlineData("""{ "spec": { "name": "other", "data": { "blob": "c/d.csv" }, "label": "y", "task": "binary" } }""", "'spec.name'")]
    [InlineData("""{ "reason": "manual" }""", "'spec'")] // registered from an ONNX file: no spec to take
    public async Task Retrain_BadRequest_400NamingTheField(string body, string field)
    {
        using var host = new TestLocalHost(azurite);
        await host.RegisterAsync("xgb", TestLocalHost.Xgb, $$"""{ "features": {{TestLocalHost.XgbSchema}} }""");

        var response = await host.Client.PostAsync("/api/models/xgb/retrain", TestLocalHost.Json(body));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(field, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString());
    }

    [Fact]
    public async Task Retrain_UnknownModelBadNameNoKeyOversizedNotJson_404_400_401_413_415()
    {
        using var host = new TestLocalHost(azurite);
        using var anonymous = host.CreateClient(withKey: false);
        var huge = $$"""{ "detail": "{{new string('x', 70_000)}}" }""";

        var unknown = await host.Client.PostAsync("/api/models/nobody/retrain", null);

        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Contains("'nobody'", (await unknown.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, (await host.Client.PostAsync("/api/models/Not_Valid!/retrain", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsync("/api/models/nobody/retrain", null)).StatusCode);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, (await host.Client.PostAsync("/api/models/nobody/retrain", TestLocalHost.Json(huge))).StatusCode);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, (await host.Client.PostAsync("/api/models/nobody/retrain", new StringContent("{}"))).StatusCode);
    }
}
