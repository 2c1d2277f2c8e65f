using Azure.Storage.Blobs;
using Serverless.Core.Batch;
using Serverless.Functions.Batch;
using Serverless.Functions.Http;
using Serverless.Testing;

namespace Serverless.Functions.Tests.Batch;

/// <summary>The batch functions called directly: the HTTP submit and status, and the two blob triggers by blob name.</summary>
public class BatchFunctionsTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private const string Csv = "a,b,c,d\n1,2,3,high\n0.5,-1,10,low\n";

    [Fact]
    public async Task SubmitThenRunBatchJob_JobBlobName_ScoresTheFileAndStatusSaysCompleted()
    {
        using var app = new FunctionsApp(azurite);
        await app.RegisterXgbAsync();
        var storage = (BatchStorage)app.Services.GetService(typeof(BatchStorage))!;
        await storage.EnsureCreatedAsync(CancellationToken.None);
        await storage.Input.GetBlobClient("xgb/in/a.csv").UploadAsync(BinaryData.FromString(Csv));
        var functions = app.Create<BatchFunctions>();

        var submit = app.Json("""{ "path": "in/a.csv" }""");
        var accepted = await FunctionsApp.ExecuteAsync(submit, await functions.Submit(submit, "xgb", CancellationToken.None));
        var id = accepted.Body.GetProperty("jobId").GetString()!;
        await functions.RunBatchJob(storage.Jobs.GetBlobClient(id + ".json"), id + ".json", CancellationToken.None);
        var get = app.Request("GET");
        var status = await FunctionsApp.ExecuteAsync(get, await functions.GetJob(get, id, CancellationToken.None));

        Assert.Equal(202, accepted.StatusCode);
        Assert.Equal($"/api/batch/jobs/{id}", accepted.Headers.Location.ToString());
        Assert.Equal("completed", status.Body.GetProperty("state").GetString());
        Assert.Equal(2, status.Body.GetProperty("summary").GetProperty("rowsScored").GetInt32());
    }

    [Fact]
    public async Task ScoreBatchBlob_InputBlobName_WritesItsOutput()
    {
        using var app = new FunctionsApp(azurite);
        await app.RegisterXgbAsync();
        var storage = (BatchStorage)app.Services.GetService(typeof(BatchStorage))!;
        await storage.EnsureCreatedAsync(CancellationToken.None);
        var input = storage.Input.GetBlobClient("xgb/nightly/b.csv");
        await input.UploadAsync(BinaryData.FromString(Csv));

        await app.Create<BatchFunctions>().ScoreBatchBlob(input, "xgb/nightly/b.csv", CancellationToken.None);

        Assert.True(await storage.Output.GetBlobClient("xgb/nightly/b.csv").ExistsAsync());
    }

    [Theory]
    [InlineData("xgb", """{ "path": "in/missing.csv" }""", 404)]
    [InlineData("xgb", """{ "path": "../a.csv" }""", 400)]
    [InlineData("Bad", """{ "path": "in/a.csv" }""", 400)]
    public async Task Submit_RouteValueAndBody_ReachTheHandler(string name, string body, int status)
    {
        using var app = new FunctionsApp(azurite);
        await app.RegisterXgbAsync();
        var request = app.Json(body);

        var response = await FunctionsApp.ExecuteAsync(request, await app.Create<BatchFunctions>().Submit(request, name, CancellationToken.None));

        Assert.Equal(status, response.StatusCode);
        Assert.False(string.IsNullOrEmpty(response.Error));
    }

    [Fact]
    public async Task GetJob_UnknownId_Answers404NamingIt()
    {
        using var app = new FunctionsApp(azurite);
        var request = app.Request("GET");

        var response = await FunctionsApp.ExecuteAsync(request, await app.Create<BatchFunctions>().GetJob(request, "abc", CancellationToken.None));

        Assert.Equal(404, response.StatusCode);
        Assert.Contains("'abc'", response.Error);
    }
}
