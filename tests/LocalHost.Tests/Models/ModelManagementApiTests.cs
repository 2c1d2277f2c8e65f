using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Serverless.Testing;

namespace Serverless.LocalHost.Tests.Models;

public class ModelManagementApiTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private static readonly byte[] XgbOnnx = TestLocalHost.Xgb;

    private static MultipartFormDataContent Upload(byte[] onnx, string? manifest)
    {
        var content = new MultipartFormDataContent { { new ByteArrayContent(onnx), "model", "model.onnx" } };
        if (manifest is not null)
        {
            content.Add(new StringContent(manifest), "manifest");
        }

        return content;
    }

    [Fact]
    public async Task Register_MultipartWithSchema_CreatesVersionAndChampion()
    {
        using var host = new TestLocalHost(azurite);
        var client = host.Client;
        const string manifest = """{ "features": { "inputName": "X", "features": [ {"name":"a","kind":"numeric"}, {"name":"b","kind":"numeric"}, {"name":"c","kind":"numeric"}, {"name":"d","kind":"numeric"} ] }, "metrics": { "rmse": 0.5 } }""";

        var response = await client.PostAsync("/api/models/xgb/versions", Upload(XgbOnnx, manifest));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("/api/models/xgb/versions/1", response.Headers.Location?.OriginalString);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(1, body.GetProperty("version").GetInt32());
        Assert.Equal("regression", body.GetProperty("task").GetString());
        Assert.Equal(4, body.GetProperty("features").GetProperty("features").GetArrayLength());

        var model = await client.GetFromJsonAsync<JsonElement>("/api/models/xgb");
        Assert.Equal(1, model.GetProperty("deployment").GetProperty("champion").GetInt32());
        var list = await client.GetFromJsonAsync<JsonElement>("/api/models");
        Assert.Equal("xgb", list.GetProperty("models")[0].GetProperty("name").GetString());
    }

    [Fact]
    public async Task Register_OctetStream_SecondVersionDoesNotTakeTraffic()
    {
        using var host = new TestLocalHost(azurite);
        var client = host.Client;
        ByteArrayContent Raw() => new(XgbOnnx) { Headers = { ContentType = new MediaTypeHeaderValue("application/octet-stream") } };

        (await client.PostAsync("/api/models/xgb/versions", Raw())).EnsureSuccessStatusCode();
        var second = await client.PostAsync("/api/models/xgb/versions", Raw());

        Assert.Equal(HttpStatusCode.Created, second.StatusCode);
        var model = await client.GetFromJsonAsync<JsonElement>("/api/models/xgb");
        Assert.Equal(1, model.GetProperty("deployment").GetProperty("champion").GetInt32());
        Assert.Equal(2, model.GetProperty("versions").GetArrayLength());
        var v2 = await client.GetFromJsonAsync<JsonElement>("/api/models/xgb/versions/2");
        Assert.Equal(2, v2.GetProperty("version").GetInt32());
    }

    public static TheoryData<string, HttpContent?, HttpStatusCode, string> BadRegistrations() => new()
    {
        { "xgb", new StringContent("{}", null, "application/json"), HttpStatusCode.UnsupportedMediaType, "multipart/form-data" },
        { "Bad Name", Upload(XgbOnnx, null), HttpStatusCode.BadRequest, "invalid" },
        { "xgb", Upload("garbage"u8.ToArray(), null), HttpStatusCode.BadRequest, "cannot load" },
        { "xgb", Upload(XgbOnnx, "{ not json"), HttpStatusCode.BadRequest, "'manifest'" },
        { "xgb", Upload(XgbOnnx, """{ "colour": "red" }"""), HttpStatusCode.BadRequest, "colour" },
        { "xgb", Upload(XgbOnnx, """{ "features": { "inputName": "X", "features": [ {"name":"a","kind":"numeric"} ] } }"""), HttpStatusCode.BadRequest, "lists 1 features" },
        { "xgb", Upload(XgbOnnx, """{ "task": "clustering" }"""), HttpStatusCode.BadRequest, "'manifest'" },
        { "xgb", new MultipartFormDataContent { { new StringContent("x"), "other" } }, HttpStatusCode.BadRequest, "'model'" },
        { "xgb", new ByteArrayContent([]) { Headers = { ContentType = new MediaTypeHeaderValue("application/octet-stream") } }, HttpStatusCode.BadRequest, "empty" },
    };

    [Theory]
    [MemberData(nameof(BadRegistrations))]
    public async Task Register_BadRequest_AnswersErrorAndStoresNothing(string name, HttpContent? content, HttpStatusCode status, string expected)
    {
        using var host = new TestLocalHost(azurite);
        var client = host.Client;

        var response = await client.PostAsync($"/api/models/{Uri.EscapeDataString(name)}/versions", content);

        Assert.Equal(status, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains(expected, body.GetProperty("error").GetString(), StringComparison.OrdinalIgnoreCase);
        var list = await client.GetFromJsonAsync<JsonElement>("/api/models");
        Assert.Equal(0, list.GetProperty("models").GetArrayLength());
    }

    [Fact]
    public async Task Register_ManifestFileOverLimit_Answers413()
    {
        using var host = new TestLocalHost(azurite);
        using var content = new MultipartFormDataContent
        {
            { new ByteArrayContent(XgbOnnx), "model", "model.onnx" },
            { new ByteArrayContent(new byte[5 * 1024 * 1024]), "manifest", "manifest.json" },
        };

        var response = await host.Client.PostAsync("/api/models/xgb/versions", content);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Contains("manifest", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString());
    }

    [Fact]
    public async Task Register_OverLimit_Answers413()
    {
        using var host = new TestLocalHost(azurite, ("Registry:MaxModelBytes", "4096"));
        var client = host.Client;

        var response = await client.PostAsync("/api/models/xgb/versions", Upload(XgbOnnx, null));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Contains("4096", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString());
    }

    [Theory]
    [InlineData("/api/models/nope", HttpStatusCode.NotFound)]
    [InlineData("/api/models/xgb/versions/7", HttpStatusCode.NotFound)]
    [InlineData("/api/models/xgb/versions/one", HttpStatusCode.BadRequest)]
    [InlineData("/api/models/xgb/versions/0", HttpStatusCode.BadRequest)]
    public async Task Get_UnknownOrInvalid_AnswersError(string path, HttpStatusCode status)
    {
        using var host = new TestLocalHost(azurite);
        var client = host.Client;

        var response = await client.GetAsync(path);

        Assert.Equal(status, response.StatusCode);
        Assert.False(string.IsNullOrEmpty((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString()));
    }
}
