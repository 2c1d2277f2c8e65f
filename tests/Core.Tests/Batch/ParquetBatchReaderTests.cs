using Parquet.Schema;
using Serverless.Core.Batch;
using Serverless.Core.Models;

namespace Serverless.Core.Tests.Batch;

public class ParquetBatchReaderTests
{
    private static readonly FeatureEncoder Encoder = new(new FeatureSchema("input",
    [
        new FeatureDefinition("i", FeatureKind.Numeric),
        new FeatureDefinition("f", FeatureKind.Numeric),
        new FeatureDefinition("m", FeatureKind.Numeric),
        new FeatureDefinition("t", FeatureKind.Numeric),
        new FeatureDefinition("k", FeatureKind.Categorical, ["7", "8"]),
        new FeatureDefinition("c", FeatureKind.Categorical, ["a", "b"]),
    ]));

    private static readonly PredictionColumns Columns = PredictionColumns.For(SumModel.Create("m", features: [.. Encoder.Schema.Features]).Manifest);

    private static readonly ParquetSchema Typed = new(
        new DataField<long>("i"), new DataField<float?>("f"), new DecimalDataField("m", 10, 2), new DataField<string>("t"),
        new DataField<int>("k"), new DataField<string>("c"), new DataField<bool>("flag"));

    private static async Task<ParquetBatchReader> OpenAsync(byte[] parquet) =>
        await ParquetBatchReader.OpenAsync(new MemoryStream(parquet), Encoder, Columns, CancellationToken.None);

    [Fact]
    public async Task FillAsync_IntegerRealDecimalAndStringColumns_EncodeLikeTheirTextWithNullAsMissing()
    {
        var parquet = await BatchFiles.ParquetAsync(Typed, 2,
        [
            BatchFiles.Row(("i", 1L), ("f", 1.5f), ("m", 2.25m), ("t", "3.5"), ("k", 8), ("c", "b"), ("flag", true)),
            BatchFiles.Row(("i", 2L), ("f", null), ("m", 0m), ("t", ""), ("k", 7), ("c", null), ("flag", false)),
            BatchFiles.Row(("i", 3L), ("f", 2f), ("m", 1m), ("t", "x"), ("k", 9), ("c", "a"), ("flag", true)),
            BatchFiles.Row(("i", 4L), ("f", 4f), ("m", 1m), ("t", null), ("k", 9), ("c", "a"), ("flag", true)),
        ]);
        await using var reader = await OpenAsync(parquet);

        var (rows, _, errors) = await ReaderHarness.ReadAllAsync(reader, Encoder.Width);

        Assert.Equal(["i", "f", "m", "t", "k", "c", "flag"], reader.Columns);
        Assert.Equal([[1, 1.5f, 2.25f, 3.5f, 1, 1], [2, float.NaN, 0, float.NaN, 0, float.NaN]], rows);
        // Rows are numbered in the file (the second row group starts at row 3); the first bad feature is named.
        Assert.Equal([3L, 4L], errors.Select(e => e.Line));
        Assert.Contains("'t' expects a number, got 'x'", errors[0].Reason);
        Assert.Contains("'k' has unknown category '9'", errors[1].Reason);
    }

    [Fact]
    public async Task OpenAsync_ListColumn_ThrowsNamingIt()
    {
        var schema = new ParquetSchema([.. Typed.Fields, new ListField("tags", new DataField<string>("element"))]);
        var parquet = await BatchFiles.ParquetAsync(schema, 10,
            [BatchFiles.Row(("i", 1L), ("f", 1f), ("m", 1m), ("t", "1"), ("k", 7), ("c", "a"), ("flag", true), ("tags", new ReadOnlyMemory<char>?[] { "x".AsMemory() }))]);

        var e = await Assert.ThrowsAsync<BatchFileException>(() => OpenAsync(parquet));

        Assert.Contains("Column 'tags' is a list column", e.Message);
    }

    [Fact]
    public async Task FillAsync_BoolColumns_FeedBooleanFeaturesAsOneAndZero_NullIsMissing()
    {
        var encoder = new FeatureEncoder(new FeatureSchema("input",
            [new FeatureDefinition("b", FeatureKind.Boolean), new FeatureDefinition("n", FeatureKind.Boolean)]));
        var columns = PredictionColumns.For(SumModel.Create("m", features: [.. encoder.Schema.Features]).Manifest);
        var parquet = await BatchFiles.ParquetAsync(new ParquetSchema(new DataField<bool?>("b"), new DataField<bool>("n")), 10,
        [
            BatchFiles.Row(("b", true), ("n", false)),
            BatchFiles.Row(("b", false), ("n", true)),
            BatchFiles.Row(("b", null), ("n", true)),
        ]);
        await using var reader = await ParquetBatchReader.OpenAsync(new MemoryStream(parquet), encoder, columns, CancellationToken.None);

        var (rows, _, errors) = await ReaderHarness.ReadAllAsync(reader, encoder.Width);

        Assert.Empty(errors);
        Assert.Equal([[1, 0], [0, 1], [float.NaN, 1]], rows);
    }

    [Fact]
    public async Task OpenAsync_BoolColumnForACategoricalFeature_ThrowsNamingBoth()
    {
        var encoder = new FeatureEncoder(new FeatureSchema("input", [new FeatureDefinition("c", FeatureKind.Categorical, ["a", "b"])]));
        var columns = PredictionColumns.For(SumModel.Create("m", features: [.. encoder.Schema.Features]).Manifest);
        var parquet = await BatchFiles.ParquetAsync(new ParquetSchema(new DataField<bool>("c")), 10, [BatchFiles.Row(("c", true))]);

        var e = await Assert.ThrowsAsync<BatchFileException>(() => ParquetBatchReader.OpenAsync(new MemoryStream(parquet), encoder, columns, CancellationToken.None));

        Assert.Contains("Column 'c' holds Boolean values; categorical feature 'c'", e.Message);
    }
}
