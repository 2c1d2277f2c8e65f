using System.Globalization;
using System.Text;
using CsvHelper;
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
