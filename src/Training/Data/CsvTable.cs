namespace Serverless.Training.Data;

/// <summary>A parsed CSV file: its header and records, every record with as many cells as the header.</summary>
internal sealed class CsvTable(IReadOnlyList<string> header, IReadOnlyList<CsvRow> rows)
{
    public IReadOnlyList<string> Header { get; } = header;

    public IReadOnlyList<CsvRow> Rows { get; } = rows;

    /// <summary>The column of <paramref name="name"/> (ordinal match), or -1.</summary>
    public int IndexOf(string name)
    {
        for (var i = 0; i < Header.Count; i++)
        {
            if (string.Equals(Header[i], name, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }
}
