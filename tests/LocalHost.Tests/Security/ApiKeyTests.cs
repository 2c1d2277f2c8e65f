using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Serverless.Api.Http;
using Serverless.Api.Security;
using Serverless.Testing;

namespace Serverless.LocalHost.Tests.Security;

/// <summary>The API key on the local host's state-changing routes, over real HTTP routing on Azurite.</summary>
public class ApiKeyTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private static readonly string Manifest = $$"""{ "features": {{TestLocalHost.XgbSchema}} }""";

    private const string Record = """{ "records": [ { "a": 1, "b": 2, "c": 3, "d": "high" } ] }""";

    [Fact]
    public void Endpoints_EveryStateChangingRoute_RequiresTheKeyAndScoringDoesNot()
    {
        using var host = new TestLocalHost(azurite);

        var endpoints = host.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["*"])
                .Select(m => (Method: m, Route: e.RoutePattern.RawText!.TrimStart('/'), Keyed: e.Metadata.GetMetadata<RequiresApiKey>() is not null)))
            .ToList();
        var changing = endpoints.Where(e => e.Method is not ("GET" or "HEAD") && !Routes.Scoring.Contains(e.Route) && !Routes.TokenAuthorized.Contains(e.Route)).ToList();

        Assert.Contains(changing, e => e.Route == Routes.ModelVersions);
        Assert.Contains(changing, e => e.Route.StartsWith("runtime/webhooks/durabletask/", StringComparison.Ordinal));
        Assert.All(changing, e => Assert.True(e.Keyed, $"{e.Method} {e.Route} does not require the API key."));
        Assert.All(endpoints.Where(e => Routes.Scoring.Contains(e.Route) || Routes.TokenAuthorized.Contains(e.Route) || e.Method == "GET"), e => Assert.False(e.Keyed, $"{e.Method} {e.Route}"));
        Assert.Contains(endpoints, e => e.Method == "POST" && e.Route == Routes.Approval);
    }

    [Fact]
    public async Task Register_MissingOrWrongKey_Answers401AndRegistersNothing()
    {
        using var host = new TestLocalHost(azurite);
        using var anonymous = host.CreateClient(withKey: false);
        using var wrong = host.CreateClient(withKey: false).WithKey(host.ApiKey[..^1] + "!");
        using var twice = host.CreateClient(withKey: false);
        twice.DefaultRequestHeaders.Add(TestApiKey.Header, [host.ApiKey, host.ApiKey]);

        foreach (var client in new[] { anonymous, wrong, twice })
        {
            using var content = new MultipartFormDataContent { { new ByteArrayContent(TestLocalHost.Xgb), "model", "model.onnx" } };
            var response = await client.PostAsync("/api/models/xgb/versions", content);
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            var error = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString();
            Assert.Contains(ApiKeyVerifier.Header, error);
            Assert.DoesNotContain(host.ApiKey, error);
        }

        Assert.Equal(0, (await anonymous.GetFromJsonAsync<JsonElement>("/api/models")).GetProperty("models").GetArrayLength());
        Assert.Equal(1, await host.RegisterAsync("xgb", TestLocalHost.Xgb, Manifest));
    }

    [Fact]
    public async Task BatchSubmit_MissingKey_Answers401BeforeLookingAtTheBody()
    {
        using var host = new TestLocalHost(azurite);
        using var anonymous = host.CreateClient(withKey: false);

        var response = await anonymous.PostAsync("/api/models/xgb/batch", TestLocalHost.Json("""{ "path": "a.csv" }"""));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Scoring_ByDefault_IsAnonymous()
    {
        using var host = new TestLocalHost(azurite);
        await host.RegisterAsync("xgb", TestLocalHost.Xgb, Manifest);
        using var anonymous = host.CreateClient(withKey: false);

        Assert.Equal(HttpStatusCode.OK, (await anonymous.PostAsync("/api/models/xgb/predict", TestLocalHost.Json(Record))).StatusCode);
    }

    [Fact]
    public async Task Scoring_RequireForScoring_AsksForTheKeyOnPredictAndInfer()
    {
        using var host = new TestLocalHost(azurite, ("ApiKey:RequireForScoring", "true"));
        await host.RegisterAsync("xgb", TestLocalHost.Xgb, Manifest);
        using var anonymous = host.CreateClient(withKey: false);
        const string infer = """{"inputs":[{"name":"X","shape":[1,4],"datatype":"FP32","data":[1,2,3,4]}]}""";

        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsync("/api/models/xgb/predict", TestLocalHost.Json(Record))).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsync("/v2/models/xgb/versions/1/infer", TestLocalHost.Json(infer))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await host.Client.PostAsync("/api/models/xgb/predict", TestLocalHost.Json(Record))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await host.Client.PostAsync("/v2/models/xgb/versions/1/infer", TestLocalHost.Json(infer))).StatusCode);
    }

    [Fact]
    public async Task KeyFile_NoKeySetting_GeneratesOwnerOnlyFileOnceAndLaterHostsReuseIt()
    {
        var directory = Directory.CreateTempSubdirectory("api-key-");
        var path = Path.Combine(directory.FullName, "nested", "api-key");
        try
        {
            string key;
            using (var first = new TestLocalHost(azurite, (TestApiKey.Setting, ""), ("ApiKey:KeyFile", path)))
            {
                _ = first.Services.GetRequiredService<ApiKeyVerifier>();
                key = (await File.ReadAllTextAsync(path)).Trim();
                Assert.True(key.Length >= 40, key.Length.ToString());
                if (!OperatingSystem.IsWindows())
                {
                    Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
                }

                using var keyed = first.CreateClient(withKey: false).WithKey(key);
                using var content = new MultipartFormDataContent { { new ByteArrayContent(TestLocalHost.Xgb), "model", "model.onnx" } };
                Assert.Equal(HttpStatusCode.Created, (await keyed.PostAsync("/api/models/xgb/versions", content)).StatusCode);
            }

            using var second = new TestLocalHost(azurite, (TestApiKey.Setting, ""), ("ApiKey:KeyFile", path));
            using var again = second.CreateClient(withKey: false).WithKey(key);
            using var upload = new MultipartFormDataContent { { new ByteArrayContent(TestLocalHost.Xgb), "model", "model.onnx" } };
            Assert.Equal(HttpStatusCode.Created, (await again.PostAsync("/api/models/xgb/versions", upload)).StatusCode);
            Assert.Equal(key, (await File.ReadAllTextAsync(path)).Trim());
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }
}
