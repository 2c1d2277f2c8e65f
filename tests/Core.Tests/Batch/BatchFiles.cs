using System.Globalization;
using System.Text;
using CsvHelper;
using Parquet;
using Parquet.Schema;
using Parquet.Serialization;
using Serverless.Core.Models;

namespace Serverless.Core.Tests.Batch;

/// <summary>Generated inputs and an independent reading of outputs for the handler tests.</summary>
internal static class BatchFiles
{
    public static readonly FeatureDefinition[] Features =
    [
        new("age", FeatureKind.Numeric, Required: true),
        new("balance", FeatureKind.Numeric),
        new("country", FeatureKind.Categorical, ["France", "Spain", "Deutschland"]),
    ];

    private static readonly string[] Countries = ["France", "Spain", "Deutschland"];
    private static readonly string[] Notes = ["plain", "comma, inside", "quote \"q\" inside", "two\nlines", "ünïcødé 東京 🚀"];

    /// <summary>CSV with a pass-through id and note column; every <paramref name="badEvery"/>-th row is invalid.</summary>
    public static string Csv(int rows, int badEvery = 0)
    {
        var text = new StringBuilder("id,note,age,balance,country\n");
        for (var i = 0; i < rows; i++)
        {
            var note = Quote(Notes[i % Notes.Length]);
            if (badEvery > 0 && i % badEvery == badEvery - 1)
            {
                text.Append((i % 3) switch
                {
                    0 => $"{i},{note},not-a-number,1,France\n",
                    1 => $"{i},{note},{i % 90}\n",
                    _ => $"{i},{note},,5,Spain\n",
                });
                continue;
            }

            var balance = i % 7 == 0 ? "" : (i * 10.5).ToString(CultureInfo.InvariantCulture);
            text.Append(CultureInfo.InvariantCulture, $"{i},{note},{i % 90},{balance},{Countries[i % 3]}\n");
        }

        return text.ToString();
    }

    public static string JsonLines(int rows)
    {
        var text = new StringBuilder();
        for (var i = 0; i < rows; i++)
        {
            var balance = i % 7 == 0 ? "null" : (i * 10.5).ToString(CultureInfo.InvariantCulture);
            var note = System.Text.Json.JsonSerializer.Serialize(Notes[i % Notes.Length]);
            text.Append(CultureInfo.InvariantCulture, $"{{\"id\":{i},\"note\":{note},\"age\":{i % 90},\"balance\":{balance},\"country\":\"{Countries[i % 3]}\"}}\n");
        }

        return text.ToString();
    }

    /// <summary>
    /// The rows of <see cref="Csv"/> without bad ones, as Parquet in row groups of <paramref name="rowGroupSize"/>:
    /// id int64, note string, age int32 (optional, never null), balance double (null where the CSV cell is empty), country string.
    /// </summary>
    public static Task<byte[]> ParquetAsync(int rows, int rowGroupSize)
    {
        var schema = new ParquetSchema(
            new DataField<long>("id"), new DataField<string>("note"), new DataField<int?>("age"), new DataField<double?>("balance"), new DataField<string>("country"));
        return ParquetAsync(schema, rowGroupSize, Enumerable.Range(0, rows).Select(i => Row(
            ("id", (long)i), ("note", Notes[i % Notes.Length]), ("age", i % 90), ("balance", i % 7 == 0 ? null : i * 10.5), ("country", Countries[i % 3]))));
    }

    /// <summary>A Parquet file written by Parquet.Net's serializer (not the code under test); a null value is a null cell.</summary>
    public static async Task<byte[]> ParquetAsync(ParquetSchema schema, int rowGroupSize, IEnumerable<IDictionary<string, object?>> rows)
    {
        using var buffer = new MemoryStream();
        await ParquetSerializer.SerializeUntypedAsync(rows.ToList(), schema, buffer, new ParquetOptions { RowGroupSize = rowGroupSize });
        return buffer.ToArray();
    }

    public static IDictionary<string, object?> Row(params (string Name, object? Value)[] cells) => cells.ToDictionary(c => c.Name, c => c.Value);

    /// <summary>A Parquet file read back by Parquet.Net's serializer: its schema, row groups and rows (a null cell is an absent key).</summary>
    public static async Task<(ParquetSchema Schema, int RowGroups, IList<Dictionary<string, object>> Rows)> ReadParquetAsync(byte[] bytes)
    {
        int groups;
        await using (var reader = await ParquetReader.CreateAsync(new MemoryStream(bytes)))
        {
            groups = reader.RowGroupCount;
        }

        var result = await ParquetSerializer.DeserializeUntypedAsync(new MemoryStream(bytes));
        return (result.Schema, groups, result.Data);
    }

    /// <summary>The rows of a CSV text, header first, as read by CsvHelper (an independent parser).</summary>
    public static List<string[]> ReadCsv(string csv)
    {
        var rows = new List<string[]>();
        using var reader = CsvReader.Create(Encoding.UTF8.GetBytes(csv), new CsvReaderOptions { Separator = ',', HasHeader = false });
        while (reader.Read())
        {
            rows.Add(Enumerable.Range(0, reader.FieldCount).Select(reader.GetString).ToArray());
        }

        return rows;
    }

    private static string Quote(string value) =>
        value.IndexOfAny([',', '"', '\n']) < 0 ? value : "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
