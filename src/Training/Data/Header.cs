namespace Serverless.Training.Data;

/// <summary>Header rules shared by every format: names unique and non-empty, a BOM or a leading <c>#</c> removed from the first.</summary>
internal static class Header
{
    public static string[] Validate(string[] names, string source, int line)
    {
        if (names.Length > 0)
        {
            // A BOM that survived decoding, and the "#" some tools write before the first name ("#Label").
            names[0] = names[0].TrimStart('\uFEFF').TrimStart('#').TrimStart();
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var name in names)
        {
            if (name.Trim().Length == 0)
            {
                throw new TrainingDataException($"{source} line {line}: the header has an empty column name.");
            }

            if (!seen.Add(name))
            {
                throw new TrainingDataException($"{source} line {line}: the header names column '{name}' twice.");
            }
        }

        return names;
    }

    /// <summary>The table, or an error for a file with no header or no data rows.</summary>
    public static TabularData Complete(string[]? header, List<DataRow> rows, string source)
    {
        if (header is null)
        {
            throw new TrainingDataException($"{source} is empty: a header and data rows are required.");
        }

        if (rows.Count == 0)
        {
            throw new TrainingDataException($"{source} has a header but no data rows.");
        }

        return new TabularData(header, rows, source);
    }
}
