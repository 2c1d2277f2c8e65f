using System.Globalization;
using System.Security.Cryptography;
using Parquet.Schema;
using Serverless.Core.Batch;
using Serverless.Testing;

namespace Serverless.Core.Tests.Batch;

public class BatchScoringHandlerParquetTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private static readonly string[] PredictionNames =
        ["prediction_label", "prediction_probability_0", "prediction_probability_1", "prediction_model_version"];

    private BatchTestContext Context() =>
        BatchTestContext.Create(azurite.ConnectionString, new FixedModelProvider(SumModel.Create("churn", features: BatchFiles.Features)));

    [Fact]
    public async Task ScoreAsync_ParquetWithSeveralRowGroups_EveryRowMatchesDirectScoringAndKeepsItsColumns()
    {
        const string name = "churn/nightly/all.parquet";
        var context = Context();
        var bytes = await BatchFiles.ParquetAsync(1000, rowGroupSize: 300);
        var etag = await context.UploadAsync(name, bytes);

        var outcome = await context.Handler.ScoreAsync(new BatchRequest(name), CancellationToken.None);

        Assert.Equal(BatchOutcomeKind.Completed, outcome.Kind);
        var input = await BatchFiles.ReadParquetAsync(bytes);
        var output = await BatchFiles.ReadParquetAsync((await context.ReadOutputBytesAsync(name))!);
        Assert.Equal(4, input.RowGroups);
        Assert.Equal(4, output.RowGroups);
        Assert.Equal(input.Schema.DataFields.Select(Describe), output.Schema.DataFields.Take(5).Select(Describe));
        Assert.Equal(
            ["prediction_label:String", "prediction_probability_0:Single?", "prediction_probability_1:Single?", "prediction_model_version:Int32"],
            output.Schema.DataFields.Skip(5).Select(f => $"{f.Name}:{f.ClrType.Name.Replace("ReadOnlyMemory`1", "String", StringComparison.Ordinal)}{(f.IsNullable ? "?" : "")}"));
        Assert.Equal(input.Rows.Count, output.Rows.Count);
        for (var i = 0; i < input.Rows.Count; i++)
        {
            var (source, scored) = (input.Rows[i], output.Rows[i]);
            Assert.Equal(source, scored.Where(c => !c.Key.StartsWith("prediction_", StringComparison.Ordinal)));
            BatchScoringHandlerTests.AssertScored(Cells(source), Predicted(scored));
        }

        var summary = await context.ReadSummaryAsync(name);
        Assert.Equal((1000L, 1000L, 0L), (summary.RowsRead, summary.RowsScored, summary.RowsRejected));
        Assert.Equal(etag.ToString().Trim('"'), summary.InputETag);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(bytes)), summary.InputSha256);
        Assert.Equal("line,reason\n", await context.ReadOutputAsync(name + ".errors.csv"));
        var properties = await context.Storage.Output.GetBlobClient(name).GetPropertiesAsync();
        Assert.Equal("application/vnd.apache.parquet", properties.Value.ContentType);
    }

    [Fact]
    public async Task ScoreAsync_ParquetBadValues_ListsRowNumbersAndScoresTheRest()
    {
        // balance is a string column: numbers parse per row, as CSV cells do; every 20th row has one bad value.
        const string name = "churn/bad.parquet";
        var context = Context();
        var schema = new ParquetSchema(
            new DataField<long>("id"), new DataField<int?>("age"), new DataField<string>("balance"), new DataField<string>("country"));
        var bytes = await BatchFiles.ParquetAsync(schema, 50, Enumerable.Range(0, 200).Select(i => BatchFiles.Row(
            ("id", (long)i),
            ("age", i % 20 == 19 && i % 3 == 1 ? null : i % 90),
            ("balance", i % 20 == 19 && i % 3 == 0 ? "not-a-number" : i % 7 == 0 ? null : i % 7 == 1 ? "" : (i * 10.5).ToString(CultureInfo.InvariantCulture)),
            ("country", i % 20 == 19 && i % 3 == 2 ? "Italy" : i % 2 == 0 ? "France" : "Spain"))));
        await context.UploadAsync(name, bytes);

        await context.Handler.ScoreAsync(new BatchRequest(name), CancellationToken.None);

        var summary = await context.ReadSummaryAsync(name);
        Assert.Equal((200L, 190L, 10L), (summary.RowsRead, summary.RowsScored, summary.RowsRejected));
        var errors = BatchFiles.ReadCsv((await context.ReadOutputAsync(name + ".errors.csv"))!).Skip(1).ToList();
        Assert.Equal(Enumerable.Range(0, 10).Select(k => (20 * k + 20).ToString(CultureInfo.InvariantCulture)), errors.Select(e => e[0]));
        Assert.Contains("'age' is required", errors[0][1]);
        Assert.Contains("'balance' expects a number, got 'not-a-number'", errors[1][1]);
        Assert.Contains("unknown category 'Italy'", errors[2][1]);
        var input = await BatchFiles.ReadParquetAsync(bytes);
        var output = await BatchFiles.ReadParquetAsync((await context.ReadOutputBytesAsync(name))!);
        Assert.Equal(4, output.RowGroups);
        var kept = input.Rows.Where(r => (long)r["id"] % 20 != 19).ToList();
        Assert.Equal(kept.Count, output.Rows.Count);
        for (var i = 0; i < kept.Count; i++)
        {
            // Null and empty string stay apart: the column is passed through, not re-rendered.
            Assert.Equal(kept[i], output.Rows[i].Where(c => !c.Key.StartsWith("prediction_", StringComparison.Ordinal)));
        }
    }

    [Fact]
    public async Task ScoreAsync_ParquetRegression_AppendsValueAndModelVersion()
    {
        const string name = "churn/values.parquet";
        var model = SumModel.Create("churn", version: 3, task: Serverless.Core.Models.ModelTask.Regression, features: BatchFiles.Features);
        var context = BatchTestContext.Create(azurite.ConnectionString, new FixedModelProvider(model));
        var bytes = await BatchFiles.ParquetAsync(100, rowGroupSize: 40);
        await context.UploadAsync(name, bytes);

        await context.Handler.ScoreAsync(new BatchRequest(name), CancellationToken.None);

        var input = await BatchFiles.ReadParquetAsync(bytes);
        var output = await BatchFiles.ReadParquetAsync((await context.ReadOutputBytesAsync(name))!);
        Assert.Equal(["id", "note", "age", "balance", "country", "prediction_value", "prediction_model_version"], output.Schema.DataFields.Select(f => f.Name));
        Assert.Equal(input.Rows.Count, output.Rows.Count);
        for (var i = 0; i < input.Rows.Count; i++)
        {
            var row = input.Rows[i];
            var balance = row.TryGetValue("balance", out var b) ? (float)(double)b : 0;
            var expected = SumModel.Sum([(int)row["age"], balance, Array.IndexOf(["France", "Spain", "Deutschland"], row["country"])]);
            Assert.Equal((expected, 3), ((float)output.Rows[i]["prediction_value"], (int)output.Rows[i]["prediction_model_version"]));
        }
    }

    [Theory]
    [InlineData("missing", "missing column(s) country")]
    [InlineData("boolean", "Column 'balance' holds Boolean values; numeric feature 'balance' needs")]
    [InlineData("double category", "Column 'country' holds Double values; categorical feature 'country' needs a string or integer column")]
    [InlineData("not parquet", "not valid Parquet")]
    public async Task ScoreAsync_ParquetColumnsThatCannotMatch_RejectsWholeFileAndPublishesOnlyTheSummary(string input, string reason)
    {
        const string name = "churn/wrong.parquet";
        var context = Context();
        var age = new DataField<int>("age");
        var bytes = input switch
        {
            "missing" => await BatchFiles.ParquetAsync(new ParquetSchema(age, new DataField<double>("balance")), 10,
                [BatchFiles.Row(("age", 30), ("balance", 1.5))]),
            "boolean" => await BatchFiles.ParquetAsync(new ParquetSchema(age, new DataField<bool>("balance"), new DataField<string>("country")), 10,
                [BatchFiles.Row(("age", 30), ("balance", true), ("country", "France"))]),
            "double category" => await BatchFiles.ParquetAsync(new ParquetSchema(age, new DataField<double>("balance"), new DataField<double>("country")), 10,
                [BatchFiles.Row(("age", 30), ("balance", 1.5), ("country", 1.0))]),
            _ => "PAR1 but not really a Parquet file PAR1"u8.ToArray(),
        };
        await context.UploadAsync(name, bytes);

        var outcome = await context.Handler.ScoreAsync(new BatchRequest(name), CancellationToken.None);

        Assert.Equal(BatchOutcomeKind.Rejected, outcome.Kind);
        Assert.Contains(reason, (await context.ReadSummaryAsync(name)).Reason);
        Assert.Null(await context.ReadOutputBytesAsync(name));
        Assert.Null(await context.ReadOutputBytesAsync(name + ".errors.csv"));
        Assert.Equal(BatchOutcomeKind.Duplicate, (await context.Handler.ScoreAsync(new BatchRequest(name), CancellationToken.None)).Kind);
    }

    [Fact]
    public async Task ScoreAsync_ParquetWithoutRows_PublishesItsSchemaWithPredictionColumns()
    {
        const string name = "churn/empty.parquet";
        var context = Context();
        var bytes = await BatchFiles.ParquetAsync(0, rowGroupSize: 10);
        await context.UploadAsync(name, bytes);

        var outcome = await context.Handler.ScoreAsync(new BatchRequest(name), CancellationToken.None);

        Assert.Equal(BatchOutcomeKind.Completed, outcome.Kind);
        var output = await BatchFiles.ReadParquetAsync((await context.ReadOutputBytesAsync(name))!);
        Assert.Equal(["id", "note", "age", "balance", "country", .. PredictionNames], output.Schema.DataFields.Select(f => f.Name));
        Assert.Empty(output.Rows);
        Assert.Equal(0, (await context.ReadSummaryAsync(name)).RowsRead);
    }

    private static string Describe(DataField field) => $"{field.Name}:{field.ClrType.Name}:{field.IsNullable}:{field.SchemaElement?.Type}";

    private static string[] Cells(Dictionary<string, object> row) =>
    [
        Text(row.GetValueOrDefault("age")), Text(row.GetValueOrDefault("balance")), Text(row.GetValueOrDefault("country")),
    ];

    private static string[] Predicted(Dictionary<string, object> row) => [.. PredictionNames.Select(n => Text(row[n]))];

    private static string Text(object? value) => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "";
}
