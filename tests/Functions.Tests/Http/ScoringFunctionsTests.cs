using Serverless.Functions.Http;
using Serverless.Testing;

namespace Serverless.Functions.Tests.Http;

/// <summary>The predict functions called directly: route values, body, request id and cancellation reach the real handler.</summary>
public class ScoringFunctionsTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private const string Records = """{ "records": [ { "a": 1, "b": 2, "c": 3, "d": "high" }, { "a": -4.5 } ] }""";

    [Fact]
    public async Task PredictVersion_RouteValuesAndBody_ScoreThatVersion()
    {
        using var app = new FunctionsApp(azurite);
        await app.RegisterXgbAsync();
        var functions = app.Create<ScoringFunctions>();
        var request = app.Json(Records);
        request.Headers["x-request-id"] = "req-42";

        var response = await FunctionsApp.ExecuteAsync(request, await functions.PredictVersion(request, "xgb", "1", CancellationToken.None));

        Assert.Equal(200, response.StatusCode);
        Assert.Equal(("req-42", "xgb", 1), (response.Body.GetProperty("requestId").GetString(), response.Body.GetProperty("model").GetString(), response.Body.GetProperty("version").GetInt32()));
        Assert.Equal(2, response.Body.GetProperty("predictions").GetArrayLength());
        Assert.Equal("req-42", response.Headers["x-request-id"].ToString());
    }

    [Fact]
    public async Task Predict_Champion_AnswersLikeVersionOne()
    {
        using var app = new FunctionsApp(azurite);
        await app.RegisterXgbAsync();
        var functions = app.Create<ScoringFunctions>();

        var champion = app.Json(Records);
        var byChampion = await FunctionsApp.ExecuteAsync(champion, await functions.Predict(champion, "xgb", CancellationToken.None));
        var versioned = app.Json(Records);
        var byVersion = await FunctionsApp.ExecuteAsync(versioned, await functions.PredictVersion(versioned, "xgb", "1", CancellationToken.None));

        Assert.Equal(byVersion.Body.GetProperty("predictions").ToString(), byChampion.Body.GetProperty("predictions").ToString());
    }

    [Theory]
    [InlineData("xgb", "0", 400, "'0'")]
    [InlineData("xgb", "2", 404, "2")]
    [InlineData("other", "1", 404, "'other'")]
    public async Task PredictVersion_RouteValues_ReachTheHandler(string name, string version, int status, string named)
    {
        using var app = new FunctionsApp(azurite);
        await app.RegisterXgbAsync();
        var request = app.Json(Records);

        var response = await FunctionsApp.ExecuteAsync(request, await app.Create<ScoringFunctions>().PredictVersion(request, name, version, CancellationToken.None));

        Assert.Equal(status, response.StatusCode);
        Assert.Contains(named, response.Error);
    }

    [Fact]
    public async Task Predict_CancelledToken_Throws()
    {
        using var app = new FunctionsApp(azurite);
        var request = app.Json(Records);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => app.Create<ScoringFunctions>().Predict(request, "xgb", new CancellationToken(canceled: true)));
    }
}
