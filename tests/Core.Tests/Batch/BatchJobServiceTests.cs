using Serverless.Core.Batch;
using Serverless.Testing;

namespace Serverless.Core.Tests.Batch;

public class BatchJobServiceTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private const string Name = "churn/x.csv";
    private const string Row = "age,balance,country\n1,2,France\n";

    /// <summary>Versions 1 and 2; the highest (2) is the champion.</summary>
    private BatchTestContext Context() => BatchTestContext.Create(azurite.ConnectionString, new FixedModelProvider(
        SumModel.Create("churn", version: 1, features: BatchFiles.Features),
        SumModel.Create("churn", version: 2, features: BatchFiles.Features)));

    [Theory]
    [InlineData("x.csv", null, BatchSubmitFailure.None)]
    [InlineData("/x.csv", null, BatchSubmitFailure.None)]
    [InlineData("../x.csv", null, BatchSubmitFailure.Invalid)]
    [InlineData("a//x.csv", null, BatchSubmitFailure.Invalid)]
    [InlineData("", null, BatchSubmitFailure.Invalid)]
    [InlineData(null, null, BatchSubmitFailure.Invalid)]
    [InlineData("x.txt", null, BatchSubmitFailure.Invalid)]
    [InlineData("x.csv", 0, BatchSubmitFailure.Invalid)]
    [InlineData("x.csv", 9, BatchSubmitFailure.NotFound)]
    [InlineData("missing.csv", null, BatchSubmitFailure.NotFound)]
    public async Task SubmitAsync_Submission_ReturnsOutcome(string? path, int? modelVersion, BatchSubmitFailure expected)
    {
        var context = Context();
        await context.UploadAsync(Name, Row);

        var outcome = await context.Jobs.SubmitAsync("churn", new BatchJobSubmission(path, modelVersion), CancellationToken.None);

        Assert.Equal(expected, outcome.Failure);
        Assert.Equal(expected == BatchSubmitFailure.None, outcome.Job is not null);
        Assert.Equal(expected == BatchSubmitFailure.None, outcome.Message is null);
    }

    [Theory]
    [InlineData("fraud", BatchSubmitFailure.NotFound)]
    [InlineData("Bad Name", BatchSubmitFailure.Invalid)]
    public async Task SubmitAsync_ModelName_ReturnsOutcome(string name, BatchSubmitFailure expected)
    {
        var context = Context();

        var outcome = await context.Jobs.SubmitAsync(name, new BatchJobSubmission("x.csv"), CancellationToken.None);

        Assert.Equal(expected, outcome.Failure);
        Assert.Contains(name, outcome.Message);
    }

    [Fact]
    public async Task SubmitAsync_Accepted_StoresJobForCurrentInputVersion()
    {
        var context = Context();
        var etag = await context.UploadAsync(Name, Row);

        var outcome = await context.Jobs.SubmitAsync("churn", new BatchJobSubmission("x.csv", 1), CancellationToken.None);

        Assert.True(outcome.Succeeded);
        Assert.Equal((Name, 1, etag.ToString().Trim('"')), (outcome.Job.BlobName, outcome.Job.ModelVersion, outcome.Job.InputETag));
        Assert.Equal("queued", (await StatusAsync(context, outcome.Job.Id)).State);
    }

    [Theory]
    [InlineData("not-a-guid")]
    [InlineData("0123456789abcdef0123456789abcdef")]
    public async Task GetStatusAsync_UnknownId_ReturnsNull(string id)
    {
        var context = Context();

        Assert.Null(await context.Jobs.GetStatusAsync(id, CancellationToken.None));
    }

    [Fact]
    public async Task RunAsync_VersionOtherThanTheOneThatScoredTheInput_JobRejectedAndOutputKept()
    {
        var context = Context();
        await context.UploadAsync(Name, Row);
        await context.Handler.ScoreAsync(new BatchRequest(Name), CancellationToken.None); // the trigger, with the champion
        var id = await SubmitAsync(context, "x.csv", 1);

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
        var id = await SubmitAsync(context, "x.csv", 1);

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
        var id = await SubmitAsync(context, "x.csv");
        var replaced = await context.UploadAsync(Name, Row + "3,4,Spain\n");

        var outcome = await context.Jobs.RunAsync(id + ".json", CancellationToken.None);

        Assert.Equal(BatchOutcomeKind.Superseded, outcome!.Kind);
        Assert.Null(await context.ReadOutputAsync(Name));
        Assert.Null(await context.Receipts.GetAsync(Name, submitted.ToString(), CancellationToken.None));
        Assert.Null(await context.Receipts.GetAsync(Name, replaced.ToString(), CancellationToken.None));
        Assert.Equal("superseded", (await StatusAsync(context, id)).State);
    }

    private static async Task<string> SubmitAsync(BatchTestContext context, string path, int? modelVersion = null)
    {
        var outcome = await context.Jobs.SubmitAsync("churn", new BatchJobSubmission(path, modelVersion), CancellationToken.None);
        Assert.True(outcome.Succeeded, outcome.Message);
        return outcome.Job.Id;
    }

    private static async Task<BatchJobStatus> StatusAsync(BatchTestContext context, string id) =>
        Assert.IsType<BatchJobStatus>(await context.Jobs.GetStatusAsync(id, CancellationToken.None));
}
