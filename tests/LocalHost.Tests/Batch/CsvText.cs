using System.Text;
using CsvHelper;

namespace Serverless.LocalHost.Tests.Batch;

/// <summary>Reads CSV with CsvHelper (an independent parser) for checking outputs.</summary>
internal static class CsvText
{
    public static List<string[]> Read(string csv)
    {
        var rows = new List<string[]>();
        using var reader = CsvReader.Create(Encoding.UTF8.GetBytes(csv), new CsvReaderOptions { Separator = ',', HasHeader = false });
        while (reader.Read())
        {
            rows.Add(Enumerable.Range(0, reader.FieldCount).Select(reader.GetString).ToArray());
        }

        return rows;
    }
}
