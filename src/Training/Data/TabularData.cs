namespace Serverless.Training.Data;

/// <summary>
/// A training file read into memory: its column names and records, every record with one cell per column.
/// Cells are already trimmed (when the spec trims) and missing-value tokens are null.
/// </summary>
internal sealed class TabularData(IReadOnlyList<string> header, IReadOnlyList<DataRow> rows, string source)
{
    public IReadOnlyList<string> Header { get; } = header;

    public IReadOnlyList<DataRow> Rows { get; } = rows;

    /// <summary>Where the data came from, for error messages.</summary>
    public string Source { get; } = source;

    /// <summary>
    /// The column of <paramref name="name"/> (ordinal match), or -1. A header name written with a leading <c>#</c>
    /// (a common comment marker, e.g. <c>#Label</c>) also answers to the name without it, and the other way round.
    /// </summary>
    public int IndexOf(string name)
    {
        var bare = name.TrimStart('#');
        for (var pass = 0; pass < 2; pass++)
        {
            for (var i = 0; i < Header.Count; i++)
            {
                if (pass == 0 ? string.Equals(Header[i], name, StringComparison.Ordinal) : string.Equals(Header[i].TrimStart('#'), bare, StringComparison.Ordinal))
                {
                    return i;
                }
            }
        }

        return -1;
    }

    /// <summary>The column of <paramref name="name"/>, or an error naming the <paramref name="field"/> of the spec and the header.</summary>
    public int Require(string name, string field)
    {
        var index = IndexOf(name);
        if (index < 0)
        {
            var hint = Header.Count == 1 && Header[0].IndexOfAny([';', '\t', '|', ',']) >= 0
                ? " The header was read as a single column: set 'data.delimiter' to the file's delimiter."
                : "";
            throw new TrainingDataException(
                $"'{field}' names column '{name}', which is not in the header of {Source} ({string.Join(", ", Header)}).{hint}");
        }

        return index;
    }
}
