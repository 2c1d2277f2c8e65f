using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Serverless.Core.Batch;
using Serverless.Core.Models;
using Serverless.Testing;

namespace Serverless.Core.Tests.Batch;

public class BatchScoringHandlerTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private readonly SumModel _model = SumModel.Create("churn", features: BatchFiles.Features);

    private BatchTestContext Context(SumModel? model = null) => BatchTestContext.Create(azurite.ConnectionString, new FixedModelProvider(model ?? _model));

    [Theory]
    [InlineData("churn/nightly/all.csv")]
    [InlineData("churn/nightly/all.csv.gz")]
    public async Task ScoreAsync_Csv_EveryRowMatchesDirectScoringAndKeepsItsColumns(string name)
    {
        var context = Context();
        var input = BatchFiles.Csv(1000);
        var bytes = name.EndsWith(".gz", StringComparison.Ordinal) ? BatchTestContext.Gzip(input) : Encoding.UTF8.GetBytes(input);
        var etag = await context.UploadAsync(name, bytes);

        var outcome = await context.Handler.ScoreAsync(new BatchRequest(name), CancellationToken.None);

        Assert.Equal(BatchOutcomeKind.Completed, outcome.Kind);
        var inputRows = BatchFiles.ReadCsv(input);
        var outputRows = BatchFiles.ReadCsv((await context.ReadOutputAsync(name))!);
        Assert.Equal(
            ["id", "note", "age", "balance", "country", "prediction_label", "prediction_probability_0", "prediction_probability_1", "prediction_model_version"],
            outputRows[0]);
        Assert.Equal(inputRows.Count, outputRows.Count);
        for (var i = 1; i < inputRows.Count; i++)
        {
            Assert.Equal(inputRows[i], outputRows[i][..5]);
            AssertScored(inputRows[i][2..5], outputRows[i][5..]);
        }

        var summary = await context.ReadSummaryAsync(name);
        Assert.Equal(BatchStatus.Completed, summary.Status);
        Assert.Equal((1000L, 1000L, 0L), (summary.RowsRead, summary.RowsScored, summary.RowsRejected));
        Assert.Equal(1, summary.ModelVersion);
        Assert.Equal(etag.ToString().Trim('"'), summary.InputETag);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(bytes)), summary.InputSha256);
        Assert.True(summary.RowsPerSecond > 0);
        Assert.Equal("line,reason\n", await context.ReadOutputAsync(name + ".errors.csv"));
    }

    [Theory]
    [InlineData("churn/a/b.jsonl")]
    [InlineData("churn/a/b.jsonl.gz")]
    public async Task ScoreAsync_JsonLines_AppendsPredictionsToEachObject(string name)
    {
        var context = Context();
        var input = BatchFiles.JsonLines(300);
        await context.UploadAsync(name, name.EndsWith(".gz", StringComparison.Ordinal) ? BatchTestContext.Gzip(input) : Encoding.UTF8.GetBytes(input));

        var outcome = await context.Handler.ScoreAsync(new BatchRequest(name), CancellationToken.None);

        Assert.Equal(BatchOutcomeKind.Completed, outcome.Kind);
        var inputLines = input.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var outputLines = (await context.ReadOutputAsync(name))!.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(inputLines.Length, outputLines.Length);
        for (var i = 0; i < inputLines.Length; i++)
        {
            using var original = JsonDocument.Parse(inputLines[i]);
            using var scored = JsonDocument.Parse(outputLines[i]);
            foreach (var property in original.RootElement.EnumerateObject())
            {
                Assert.Equal(property.Value.GetRawText(), scored.RootElement.GetProperty(property.Name).GetRawText());
            }

            var o = original.RootElement;
            var cells = new[] { o.GetProperty("age").GetRawText(), Text(o.GetProperty("balance")), o.GetProperty("country").GetString()! };
            var s = scored.RootElement;
            AssertScored(cells,
            [
                s.GetProperty("prediction_label").GetString()!,
                s.GetProperty("prediction_probability_0").GetRawText(),
                s.GetProperty("prediction_probability_1").GetRawText(),
                s.GetProperty("prediction_model_version").GetRawText(),
            ]);
        }
    }

    [Fact]
    public async Task ScoreAsync_FivePercentMalformedRows_ListsThemAndScoresTheRest()
    {
        var context = Context();
        var input = BatchFiles.Csv(2000, badEvery: 20);
        await context.UploadAsync("churn/bad.csv", input);

        await context.Handler.ScoreAsync(new BatchRequest("churn/bad.csv"), CancellationToken.None);

        var summary = await context.ReadSummaryAsync("churn/bad.csv");
        Assert.Equal((2000L, 1900L, 100L), (summary.RowsRead, summary.RowsScored, summary.RowsRejected));
        var errors = BatchFiles.ReadCsv((await context.ReadOutputAsync("churn/bad.csv.errors.csv"))!);
        Assert.Equal(101, errors.Count);

        // Line numbers point at the physical line where each bad record starts (notes with a line break span two).
        var lines = input.Split('\n');
        foreach (var error in errors.Skip(1))
        {
            var line = lines[int.Parse(error[0], CultureInfo.InvariantCulture) - 1];
            var id = int.Parse(line[..line.IndexOf(',', StringComparison.Ordinal)], CultureInfo.InvariantCulture);
            Assert.Equal(19, id % 20);
            Assert.NotEmpty(error[1]);
        }

        var output = BatchFiles.ReadCsv((await context.ReadOutputAsync("churn/bad.csv"))!);
        Assert.Equal(1901, output.Count);
        Assert.DoesNotContain(output.Skip(1), row => int.Parse(row[0], CultureInfo.InvariantCulture) % 20 == 19);
    }

    [Fact]
    public async Task ScoreAsync_HeaderMismatch_RejectsWholeFileAndPublishesOnlyTheSummary()
    {
        var context = Context();
        await context.UploadAsync("churn/wrong.csv", "id,age,nation\n1,30,France\n");

        var outcome = await context.Handler.ScoreAsync(new BatchRequest("churn/wrong.csv"), CancellationToken.None);

        Assert.Equal(BatchOutcomeKind.Rejected, outcome.Kind);
        var summary = await context.ReadSummaryAsync("churn/wrong.csv");
        Assert.Equal(BatchStatus.Rejected, summary.Status);
        Assert.Contains("missing column(s) balance, country", summary.Reason);
        Assert.Null(await context.ReadOutputAsync("churn/wrong.csv"));
        Assert.Null(await context.ReadOutputAsync("churn/wrong.csv.errors.csv"));
        Assert.Equal(BatchOutcomeKind.Duplicate, (await context.Handler.ScoreAsync(new BatchRequest("churn/wrong.csv"), CancellationToken.None)).Kind);
    }

    [Fact]
    public async Task ScoreAsync_ReuploadRejected_DeletesPreviousOutputAndErrors()
    {
        var context = Context();
        await context.UploadAsync("churn/x.csv", BatchFiles.Csv(10));
        Assert.Equal(BatchOutcomeKind.Completed, (await context.Handler.ScoreAsync(new BatchRequest("churn/x.csv"), CancellationToken.None)).Kind);
        await context.UploadAsync("churn/x.csv", "id,age,nation\n1,30,France\n");

        var outcome = await context.Handler.ScoreAsync(new BatchRequest("churn/x.csv"), CancellationToken.None);

        Assert.Equal(BatchOutcomeKind.Rejected, outcome.Kind);
        var summary = await context.ReadSummaryAsync("churn/x.csv");
        Assert.Equal((BatchStatus.Rejected, null), (summary.Status, summary.Output));
        Assert.Null(await context.ReadOutputAsync("churn/x.csv"));
        Assert.Null(await context.ReadOutputAsync("churn/x.csv.errors.csv"));
    }

    [Fact]
    public async Task ScoreAsync_RejectedVersionReplacedBeforePublish_PublishesNothing()
    {
        BatchTestContext? context = null;
        var replace = 1;
        var models = new FixedModelProvider(_model)
        {
            // The unknown model is looked up after the claim; a newer upload lands in between.
            BeforeGet = () => { if (Interlocked.Exchange(ref replace, 0) == 1) context!.UploadAsync("fraud/x.csv", "age\n2\n").GetAwaiter().GetResult(); },
        };
        context = BatchTestContext.Create(azurite.ConnectionString, models);
        await context.UploadAsync("fraud/x.csv", "age\n1\n");

        var outcome = await context.Handler.ScoreAsync(new BatchRequest("fraud/x.csv"), CancellationToken.None);

        Assert.Equal(BatchOutcomeKind.Superseded, outcome.Kind);
        Assert.False(await context.Storage.Output.GetBlobClient("fraud/x.csv.summary.json").ExistsAsync());
    }

    [Theory]
    [InlineData("churn/empty.csv", "", "")]
    [InlineData("churn/empty.jsonl", "", "")]
    [InlineData("churn/empty.parquet", "", "")]
    [InlineData("churn/header.csv", "age,balance,country\r\n",
        "age,balance,country,prediction_label,prediction_probability_0,prediction_probability_1,prediction_model_version\n")]
    public async Task ScoreAsync_NoDataRows_PublishesEmptyOutputAndZeroCounts(string name, string input, string expected)
    {
        var context = Context();
        await context.UploadAsync(name, input);

        var outcome = await context.Handler.ScoreAsync(new BatchRequest(name), CancellationToken.None);

        Assert.Equal(BatchOutcomeKind.Completed, outcome.Kind);
        Assert.Equal(expected, await context.ReadOutputAsync(name));
        Assert.Equal(0, (await context.ReadSummaryAsync(name)).RowsRead);
    }

    [Fact]
    public async Task ScoreAsync_UnknownModel_RejectsWithReason()
    {
        var context = Context();
        await context.UploadAsync("fraud/x.csv", "age,balance,country\n1,2,France\n");

        var outcome = await context.Handler.ScoreAsync(new BatchRequest("fraud/x.csv"), CancellationToken.None);

        Assert.Equal(BatchOutcomeKind.Rejected, outcome.Kind);
        Assert.Contains("fraud", (await context.ReadSummaryAsync("fraud/x.csv")).Reason);
    }

    [Fact]
    public async Task ScoreAsync_ModelVersionInMetadata_ScoresWithThatVersion()
    {
        var v2 = SumModel.Create("churn", version: 2, features: BatchFiles.Features);
        var context = BatchTestContext.Create(azurite.ConnectionString, new FixedModelProvider(_model, v2));
        await context.UploadAsync("churn/pinned.csv", "age,balance,country\n1,2,France\n", modelVersion: 1);
        await context.UploadAsync("churn/champion.csv", "age,balance,country\n1,2,France\n");

        await context.Handler.ScoreAsync(new BatchRequest("churn/pinned.csv"), CancellationToken.None);
        await context.Handler.ScoreAsync(new BatchRequest("churn/champion.csv"), CancellationToken.None);

        Assert.Equal("1", BatchFiles.ReadCsv((await context.ReadOutputAsync("churn/pinned.csv"))!)[1][^1]);
        Assert.Equal("2", BatchFiles.ReadCsv((await context.ReadOutputAsync("churn/champion.csv"))!)[1][^1]);
    }

    [Fact]
    public async Task ScoreAsync_NotABatchFile_IsIgnoredWithoutReceipt()
    {
        var context = Context();
        await context.UploadAsync("churn/readme.txt", "hello");

        var outcome = await context.Handler.ScoreAsync(new BatchRequest("churn/readme.txt"), CancellationToken.None);

        Assert.Equal(BatchOutcomeKind.Ignored, outcome.Kind);
        Assert.False(await context.Storage.Receipts.GetBlobClient(BatchReceiptStore.NameFor("churn/readme.txt", "x")).ExistsAsync());
    }

    /// <summary>Checks one scored row against the model applied directly to the same cells.</summary>
    internal static void AssertScored(string[] cells, string[] predicted)
    {
        var encoder = new FeatureEncoder(new FeatureSchema("input", BatchFiles.Features));
        var row = new float[encoder.Width];
        for (var f = 0; f < row.Length; f++)
        {
            Assert.True(encoder.TryEncodeText(f, cells[f], out row[f], out _));
        }

        var direct = SumModel.Create("churn", features: BatchFiles.Features).ScoreEncoded(row, 1);
        Assert.Equal(direct.Labels![0], predicted[0]);
        Assert.Equal(direct.Probabilities![0], float.Parse(predicted[1], CultureInfo.InvariantCulture));
        Assert.Equal(direct.Probabilities![1], float.Parse(predicted[2], CultureInfo.InvariantCulture));
        Assert.Equal("1", predicted[3]);
    }

    private static string Text(JsonElement value) => value.ValueKind == JsonValueKind.Null ? "" : value.GetRawText();
}
