using Serverless.Functions.Http;
using Serverless.Testing;

namespace Serverless.Functions.Tests.Http;

/// <summary>The OIP v2 functions called directly: route values, body and cancellation reach the real handler.</summary>
public class OpenInferenceFunctionsTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private const string Tensor = """{ "id": "q-1", "inputs": [ { "name": "X", "shape": [2, 4], "datatype": "FP32", "data": [1, 2, 3, 0, 0.5, -1, 10, 1] } ] }""";

    [Fact]
    public async Task InferVersion_RouteValuesAndBody_RunThatVersion()
    {
        using var app = new FunctionsApp(azurite);
        await app.RegisterXgbAsync();
        var request = app.Json(Tensor);

        var response = await FunctionsApp.ExecuteAsync(request, await app.Create<OpenInferenceFunctions>().InferVersion(request, "xgb", "1", CancellationToken.None));

        Assert.Equal(200, response.StatusCode);
        Assert.Equal(("xgb", "1", "q-1"), (response.Body.GetProperty("model_name").GetString(), response.Body.GetProperty("model_version").GetString(), response.Body.GetProperty("id").GetString()));
        Assert.Equal(2, Assert.Single(response.Body.GetProperty("outputs").EnumerateArray()).GetProperty("data").GetArrayLength());
    }

    [Fact]
    public async Task ModelReadyAndMetadata_Registered_AnswerForThatModel()
    {
        using var app = new FunctionsApp(azurite);
        await app.RegisterXgbAsync();
        var functions = app.Create<OpenInferenceFunctions>();

        var ready = app.Request("GET");
        var readyResponse = await FunctionsApp.ExecuteAsync(ready, await functions.ModelVersionReady(ready, "xgb", "1", CancellationToken.None));
        var metadata = app.Request("GET");
        var metadataResponse = await FunctionsApp.ExecuteAsync(metadata, await functions.ModelMetadata(metadata, "xgb", CancellationToken.None));
        var missing = app.Request("GET");
        var missingResponse = await FunctionsApp.ExecuteAsync(missing, await functions.ModelVersionReady(missing, "xgb", "3", CancellationToken.None));

        Assert.True(readyResponse.Body.GetProperty("ready").GetBoolean());
        Assert.Equal("X", Assert.Single(metadataResponse.Body.GetProperty("inputs").EnumerateArray()).GetProperty("name").GetString());
        Assert.Equal(404, missingResponse.StatusCode);
    }

    [Fact]
    public async Task LiveAndReady_Always_Answer200()
    {
        using var app = new FunctionsApp(azurite);
        var functions = app.Create<OpenInferenceFunctions>();

        var live = app.Request("GET");
        var ready = app.Request("GET");

        Assert.Equal(200, (await FunctionsApp.ExecuteAsync(live, functions.Live(live))).StatusCode);
        Assert.Equal(200, (await FunctionsApp.ExecuteAsync(ready, functions.Ready(ready))).StatusCode);
    }

    [Fact]
    public async Task Infer_CancelledToken_Throws()
    {
        using var app = new FunctionsApp(azurite);
        var request = app.Json(Tensor);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => app.Create<OpenInferenceFunctions>().Infer(request, "xgb", new CancellationToken(canceled: true)));
    }
}
