using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Serverless.Core.Batch;
using Serverless.Testing;

namespace Serverless.Core.Tests.Batch;

public class BatchJobHandlerTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private const string Name = "churn/x.csv";
    private const string Row = "age,balance,country\n1,2,France\n";

    /// <summary>Versions 1 and 2; the highest (2) is the champion.</summary>
    private BatchTestContext Context() => BatchTestContext.Create(azurite.ConnectionString, new FixedModelProvider(
        SumModel.Create("churn", version: 1, features: BatchFiles.Features),
        SumModel.Create("churn", version: 2, features: BatchFiles.Features)));

    [Theory]
    [InlineData("application/json", "{\"path\":\"x.csv\"}", 0, 202)]
    [InlineData("application/json", "{\"path\":\"../x.csv\"}", 0, 400)]
    [InlineData("application/json", "{\"path\":\"x.txt\"}", 0, 400)]
    [InlineData("application/json", "{\"path\":\"x.csv\",\"modelVersion\":0}", 0, 400)]
    [InlineData("application/json", "{\"path\":", 0, 400)]
    [InlineData("application/json", "{\"path\":\"x.csv\",\"modelVersion\":9}", 0, 404)]
    [InlineData("application/json", "{\"path\":\"missing.csv\"}", 0, 404)]
    [InlineData("application/json", "{\"path\":\"x.csv\",\"pad\":\"\"}", 17 * 1024, 413)]
    [InlineData("text/plain", "{\"path\":\"x.csv\"}", 0, 415)]
    public async Task SubmitAsync_Body_AnswersStatus(string contentType, string body, int padding, int expected)
    {
        var context = Context();
        await context.UploadAsync(Name, Row);
        var text = padding == 0 ? body : body.Replace("\"\"", "\"" + new string('a', padding) + "\"", StringComparison.Ordinal);

        var result = await context.Jobs.SubmitAsync("churn", Request(contentType, text), CancellationToken.None);

        Assert.Equal(expected, (result as IStatusCodeHttpResult)?.StatusCode);
    }

    [Fact]
    public async Task SubmitAsync_UnknownModel_Answers404()
    {
        var context = Context();

        var result = await context.Jobs.SubmitAsync("fraud", Request("application/json", "{\"path\":\"x.csv\"}"), CancellationToken.None);

        Assert.Equal(404, (result as IStatusCodeHttpResult)?.StatusCode);
    }

    [Fact]
    public async Task RunAsync_VersionOtherThanTheOneThatScoredTheInput_JobRejectedAndOutputKept()
    {
        var context = Context();
        await context.UploadAsync(Name, Row);
        await context.Handler.ScoreAsync(new BatchRequest(Name), CancellationToken.None); // the trigger, with the champion
        var id = await SubmitAsync(context, "{\"path\":\"x.csv\",\"modelVersion\":1}");

        var outcome = await context.Jobs.RunAsync(id + ".json", CancellationToken.None);

        Assert.Equal(BatchOutcomeKind.Duplicate, outcome!.Kind);
        Assert.Equal("2", BatchFiles.ReadCsv((await context.ReadOutputAsync(Name))!)[1][^1]);
        var status = await StatusAsync(context, id);
        Assert.Equal("rejected", status.State);
        Assert.Contains("already scored with model version 2", status.Error);
    }

    [Fact]
    public async Task RunAsync_VersionNamedBeforeAnyTrigger_ScoresWithThatVersion()
    {
        var context = Context();
        await context.UploadAsync(Name, Row);
        var id = await SubmitAsync(context, "{\"path\":\"x.csv\",\"modelVersion\":1}");

        var outcome = await context.Jobs.RunAsync(id + ".json", CancellationToken.None);

        Assert.Equal(BatchOutcomeKind.Completed, outcome!.Kind);
        Assert.Equal("1", BatchFiles.ReadCsv((await context.ReadOutputAsync(Name))!)[1][^1]);
        var status = await StatusAsync(context, id);
        Assert.Equal(("completed", null, 1), (status.State, status.Error, status.Summary!.ModelVersion));
    }

    [Fact]
    public async Task RunAsync_BlobReplacedAfterSubmit_SupersededAndNothingScored()
    {
        var context = Context();
        var submitted = await context.UploadAsync(Name, Row);
        var id = await SubmitAsync(context, "{\"path\":\"x.csv\"}");
        var replaced = await context.UploadAsync(Name, Row + "3,4,Spain\n");

        var outcome = await context.Jobs.RunAsync(id + ".json", CancellationToken.None);

        Assert.Equal(BatchOutcomeKind.Superseded, outcome!.Kind);
        Assert.Null(await context.ReadOutputAsync(Name));
        Assert.Null(await context.Receipts.GetAsync(Name, submitted.ToString(), CancellationToken.None));
        Assert.Null(await context.Receipts.GetAsync(Name, replaced.ToString(), CancellationToken.None));
        Assert.Equal("superseded", (await StatusAsync(context, id)).State);
    }

    private static HttpRequest Request(string contentType, string body)
    {
        var bytes = Encoding.UTF8.GetBytes(body);
        var http = new DefaultHttpContext();
        http.Request.ContentType = contentType;
        http.Request.ContentLength = bytes.Length;
        http.Request.Body = new MemoryStream(bytes);
        return http.Request;
    }

    private static async Task<string> SubmitAsync(BatchTestContext context, string body)
    {
        var result = await context.Jobs.SubmitAsync("churn", Request("application/json", body), CancellationToken.None);
        return Assert.IsType<Accepted<BatchJobAccepted>>(result).Value!.JobId;
    }

    private static async Task<BatchJobStatus> StatusAsync(BatchTestContext context, string id) =>
        Assert.IsType<Ok<BatchJobStatus>>(await context.Jobs.GetStatusAsync(id, CancellationToken.None)).Value!;
}
