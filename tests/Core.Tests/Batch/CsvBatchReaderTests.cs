using Serverless.Core.Batch;
using Serverless.Core.Models;

namespace Serverless.Core.Tests.Batch;

public class CsvBatchReaderTests
{
    private static readonly FeatureEncoder Encoder = new(new FeatureSchema("input",
    [
        new FeatureDefinition("age", FeatureKind.Numeric, Required: true),
        new FeatureDefinition("country", FeatureKind.Categorical, ["France", "Spain", "Zürich"]),
    ]));

    private static readonly PredictionColumns Columns = PredictionColumns.For(SumModel.Create("m",
        features: [.. Encoder.Schema.Features]).Manifest);

    private static Task<CsvBatchReader> OpenAsync(string csv) =>
        CsvBatchReader.OpenAsync(ReaderHarness.Utf8(csv), Encoder, Columns, 1024 * 1024, CancellationToken.None);

    [Fact]
    public async Task FillAsync_QuotedFieldsWithCommasAndNewlines_KeepsRawRecordsAndLineNumbers()
    {
        var csv = "id,note,age,country\n1,\"a, b\",30,France\n2,\"two\nlines, \"\"quoted\"\"\",40,Spain\n3,x,abc,Spain\n4,y,50,Zürich\n";
        await using var reader = await OpenAsync(csv);

        var (rows, raw, errors) = await ReaderHarness.ReadAllAsync(reader, Encoder.Width);

        Assert.Equal(["id", "note", "age", "country"], reader.Columns);
        Assert.Equal([[30, 0], [40, 1], [50, 2]], rows);
        Assert.Equal(["1,\"a, b\",30,France", "2,\"two\nlines, \"\"quoted\"\"\",40,Spain", "4,y,50,Zürich"], raw);
        var error = Assert.Single(errors);
        Assert.Equal(5, error.Line);
        Assert.Contains("'age'", error.Reason);
    }

    [Fact]
    public async Task FillAsync_WrongFieldCountUnknownCategoryMissingRequired_ListsEachAndScoresTheRest()
    {
        var csv = "age,country\n1,France\n2\n3,Italy\n,Spain\n4,France,extra\n5,\n";
        await using var reader = await OpenAsync(csv);

        var (rows, _, errors) = await ReaderHarness.ReadAllAsync(reader, Encoder.Width);

        Assert.Equal(2, rows.Count);
        Assert.Equal(1, rows[0][0]);
        Assert.Equal(5, rows[1][0]);
        Assert.True(float.IsNaN(rows[1][1]));
        Assert.Equal([3L, 4, 5, 6], errors.Select(e => e.Line));
        Assert.Contains("Expected 2 fields, found 1", errors[0].Reason);
        Assert.Contains("unknown category 'Italy'", errors[1].Reason);
        Assert.Contains("'age' is required", errors[2].Reason);
        Assert.Contains("found 3", errors[3].Reason);
    }

    [Fact]
    public async Task OpenAsync_HeaderMissingAFeature_ThrowsNamingIt()
    {
        var e = await Assert.ThrowsAsync<BatchFileException>(() => OpenAsync("age,nation\n1,France\n"));
        Assert.Contains("missing column(s) country", e.Message);
    }

    [Fact]
    public async Task OpenAsync_HeaderWithPredictionColumn_Throws()
    {
        var e = await Assert.ThrowsAsync<BatchFileException>(() => OpenAsync("age,country,prediction_label\n"));
        Assert.Contains("prediction_label", e.Message);
    }

    [Fact]
    public async Task FillAsync_EmptyFile_NoColumnsNoRows()
    {
        await using var reader = await OpenAsync("");
        var (rows, _, errors) = await ReaderHarness.ReadAllAsync(reader, Encoder.Width);
        Assert.Empty(reader.Columns);
        Assert.Empty(rows);
        Assert.Empty(errors);
    }

    [Fact]
    public async Task FillAsync_HeaderOnlyWithBomAndCrLf_NoRows()
    {
        await using var reader = await OpenAsync("\uFEFFage,country\r\n");
        var (rows, _, errors) = await ReaderHarness.ReadAllAsync(reader, Encoder.Width);
        Assert.Equal(["age", "country"], reader.Columns);
        Assert.Empty(rows);
        Assert.Empty(errors);
    }
}
