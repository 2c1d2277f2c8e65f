using System.IO.Compression;
using System.Text;
using Parquet;
using Parquet.Schema;
using Serverless.Training.Data;
using Serverless.Training.Spec;

namespace Serverless.Training.Tests.Data;

public class TabularReaderTests
{
    private static TabularData Read(byte[] bytes, string name, DataSpec? spec = null, TrainingOptions? limits = null) =>
        TabularReader.ReadAsync(new TrainingData(bytes, "file:///" + name, name), spec ?? new DataSpec { Path = name }, limits ?? new TrainingOptions(), default)
            .GetAwaiter().GetResult();

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    private static byte[] Gzip(byte[] bytes)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest))
        {
            gzip.Write(bytes);
        }

        return output.ToArray();
    }

    [Fact]
    public void ReadAsync_SemicolonCsvWithoutDelimiterSetting_Sniffed()
    {
        var table = Read(Utf8("a;b\n1;\"x;y\"\n"), "d.csv");

        Assert.Equal(["a", "b"], table.Header);
        Assert.Equal("x;y", table.Rows[0].Cells[1]);
    }

    [Fact]
    public void ReadAsync_TsvWithBomAndHash_HeaderCleaned()
    {
        var table = Read([.. Encoding.UTF8.GetPreamble(), .. Utf8("#Label\tPetal width\n0\t0.2\n")], "iris.tsv");

        Assert.Equal(["Label", "Petal width"], table.Header);
    }

    [Fact]
    public void ReadAsync_GzippedCsvByExtensionAndByMagic_Decompressed()
    {
        var gz = Gzip(Utf8("a,b\n1,2\n"));

        Assert.Equal("2", Read(gz, "d.csv.gz").Rows[0].Cells[1]);
        Assert.Equal("2", Read(gz, "d.bin", new DataSpec { Path = "d.bin", Format = DataFormat.Csv }).Rows[0].Cells[1]);
    }

    [Fact]
    public void ReadAsync_GzipBombOverByteLimit_RefusedWhileInflating()
    {
        var gz = Gzip(Utf8("a\n" + string.Concat(Enumerable.Repeat("1\n", 50_000))));

        var error = Assert.Throws<TrainingDataException>(() => Read(gz, "d.csv.gz", limits: new TrainingOptions { MaxDataBytes = 10_000 }));

        Assert.Contains("(decompressed)", error.Message);
        Assert.Contains("Training:MaxDataBytes", error.Message);
    }

    [Fact]
    public void ReadAsync_JsonLines_ColumnsInFirstSeenOrderAbsentIsMissing()
    {
        var table = Read(Utf8("{\"a\":1,\"b\":\"x\"}\n\n{\"c\":true,\"a\":2.5e1}\n{\"a\":null,\"b\":\" ? \"}\n"), "d.jsonl");

        Assert.Equal(["a", "b", "c"], table.Header);
        Assert.Equal(["1", "x", null], (IEnumerable<string?>)table.Rows[0].Cells);
        Assert.Equal(["2.5e1", null, "true"], (IEnumerable<string?>)table.Rows[1].Cells);
        Assert.Equal([null, null, null], (IEnumerable<string?>)table.Rows[2].Cells);
        Assert.Equal([1, 3, 4], table.Rows.Select(r => r.Line));
    }

    [Theory]
    [InlineData("[1,2]\n", "line 1: expected a JSON object")]
    [InlineData("{\"a\":{\"b\":1}}\n", "'a' holds an object")]
    [InlineData("{\"a\":1,\"a\":2}\n", "key 'a' appears twice")]
    [InlineData("{\"a\":1} x\n", "line 1: invalid JSON")]
    public void ReadAsync_BadJsonLine_NamesLine(string jsonl, string expected)
    {
        var error = Assert.Throws<TrainingDataException>(() => Read(Utf8(jsonl), "d.jsonl"));

        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public async Task ReadAsync_Parquet_NumbersStringsBooleansAndNulls()
    {
        var schema = new ParquetSchema(new DataField<double?>("x"), new DataField<string>("s"), new DataField<bool>("flag"), new DataField<int>("n"));
        using var stream = new MemoryStream();
        await using (var writer = await ParquetWriter.CreateAsync(schema, stream))
        {
            using var group = writer.CreateRowGroup();
            await group.WriteAsync<double>((DataField)schema.Fields[0], new double?[] { 1.5, null });
            await group.WriteAsync((DataField)schema.Fields[1], new[] { " gold ", "?" });
            await group.WriteAsync<bool>((DataField)schema.Fields[2], new[] { true, false });
            await group.WriteAsync<int>((DataField)schema.Fields[3], new[] { 7, -1 });
        }

        var table = Read(stream.ToArray(), "d.parquet");

        Assert.Equal(["x", "s", "flag", "n"], table.Header);
        Assert.Equal(["1.5", "gold", "true", "7"], (IEnumerable<string?>)table.Rows[0].Cells);
        Assert.Equal([null, null, "false", "-1"], (IEnumerable<string?>)table.Rows[1].Cells);
    }

    [Fact]
    public void ReadAsync_NotParquet_SaysSo()
    {
        var error = Assert.Throws<TrainingDataException>(() => Read(Utf8("a,b\n1,2\n"), "d.parquet"));

        Assert.Contains("is not a valid Parquet file", error.Message);
    }

    [Fact]
    public void ReadAsync_NotUtf8_SaysSo()
    {
        var error = Assert.Throws<TrainingDataException>(() => Read([0x61, 0x0a, 0xff, 0xfe, 0x0a], "d.csv"));

        Assert.Contains("is not UTF-8 text", error.Message);
    }

    [Fact]
    public void ReadAsync_WrongDelimiter_HintsAtDelimiterSetting()
    {
        var table = Read(Utf8("a;b;c\n1;2;3\n"), "d.csv", new DataSpec { Path = "d.csv", Delimiter = "," });

        var error = Assert.Throws<TrainingDataException>(() => table.Require("b", "label"));

        Assert.Contains("set 'data.delimiter'", error.Message);
    }
}
