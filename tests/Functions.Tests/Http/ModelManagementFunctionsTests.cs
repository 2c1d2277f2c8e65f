using Serverless.Functions.Http;
using Serverless.Testing;

namespace Serverless.Functions.Tests.Http;

/// <summary>The model-management functions called directly: route values and bodies reach the real handler unchanged.</summary>
public class ModelManagementFunctionsTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task Register_MultipartBody_CreatesVersionThatGetVersionAnswers()
    {
        using var app = new FunctionsApp(azurite);
        var functions = app.Create<ModelManagementFunctions>();

        var created = await app.RegisterXgbAsync();
        var request = app.Request("GET");
        var version = await FunctionsApp.ExecuteAsync(request, await functions.GetVersion(request, "xgb", "1", CancellationToken.None));

        Assert.Equal(201, created.StatusCode);
        Assert.Equal("/api/models/xgb/versions/1", created.Headers.Location.ToString());
        Assert.Equal((200, "xgb", 1), (version.StatusCode, version.Body.GetProperty("name").GetString(), version.Body.GetProperty("version").GetInt32()));
        Assert.Equal(4, version.Body.GetProperty("features").GetProperty("features").GetArrayLength());
    }

    [Fact]
    public async Task GetModelAndListModels_RegisteredModel_AnswerItByName()
    {
        using var app = new FunctionsApp(azurite);
        var functions = app.Create<ModelManagementFunctions>();
        await app.RegisterXgbAsync();

        var get = app.Request("GET");
        var model = await FunctionsApp.ExecuteAsync(get, await functions.GetModel(get, "xgb", CancellationToken.None));
        var list = app.Request("GET");
        var models = await FunctionsApp.ExecuteAsync(list, await functions.ListModels(list, CancellationToken.None));

        Assert.Equal((200, "xgb"), (model.StatusCode, model.Body.GetProperty("name").GetString()));
        Assert.Equal("xgb", Assert.Single(models.Body.GetProperty("models").EnumerateArray()).GetProperty("name").GetString());
    }

    [Theory]
    [InlineData("nope", "1", 404, "'nope'")]
    [InlineData("xgb", "x", 400, "'x'")]
    [InlineData("xgb", "7", 404, "version 7")]
    public async Task GetVersion_RouteValues_ReachTheHandler(string name, string version, int status, string named)
    {
        using var app = new FunctionsApp(azurite);
        var functions = app.Create<ModelManagementFunctions>();
        await app.RegisterXgbAsync();

        var request = app.Request("GET");
        var response = await FunctionsApp.ExecuteAsync(request, await functions.GetVersion(request, name, version, CancellationToken.None));

        Assert.Equal(status, response.StatusCode);
        Assert.Contains(named, response.Error);
    }

    [Fact]
    public async Task Register_CancelledToken_Throws()
    {
        using var app = new FunctionsApp(azurite);
        var functions = app.Create<ModelManagementFunctions>();
        var request = app.Request("POST", "application/octet-stream", FunctionModels.Xgb);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => functions.Register(request, "xgb", new CancellationToken(canceled: true)));
    }
}
