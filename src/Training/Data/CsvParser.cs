using System.Text;

namespace Serverless.Training.Data;

/// <summary>
/// Reads RFC 4180 CSV: comma separated, optional double quotes (with "" as an escaped quote, and line breaks
/// inside quotes), LF or CRLF line ends. The first record is the header. Blank lines are skipped.
/// </summary>
internal static class CsvParser
{
    public static CsvTable ReadFile(string path)
    {
        if (!File.Exists(path))
        {
            throw new TrainingDataException($"Training data file '{path}' does not exist.");
        }

        using var reader = new StreamReader(path, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        return Read(reader, path);
    }

    public static CsvTable Read(TextReader reader, string source)
    {
        var records = new List<CsvRow>();
        string[]? header = null;
        var line = 1;
        while (TryReadRecord(reader, ref line, source, out var record))
        {
            if (record.Cells.Length == 1 && record.Cells[0].Length == 0)
            {
                continue;
            }

            if (header is null)
            {
                header = ValidateHeader(record, source);
                continue;
            }

            if (record.Cells.Length != header.Length)
            {
                throw new TrainingDataException(
                    $"{source} line {record.Line}: expected {header.Length} cells like the header, found {record.Cells.Length}.");
            }

            records.Add(record);
        }

        if (header is null)
        {
            throw new TrainingDataException($"{source} is empty: a header line and data rows are required.");
        }

        if (records.Count == 0)
        {
            throw new TrainingDataException($"{source} has a header but no data rows.");
        }

        return new CsvTable(header, records);
    }

    private static string[] ValidateHeader(CsvRow record, string source)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var name in record.Cells)
        {
            if (name.Trim().Length == 0)
            {
                throw new TrainingDataException($"{source} line {record.Line}: the header has an empty column name.");
            }

            if (!seen.Add(name))
            {
                throw new TrainingDataException($"{source} line {record.Line}: the header names column '{name}' twice.");
            }
        }

        return record.Cells;
    }

    private static bool TryReadRecord(TextReader reader, ref int line, string source, out CsvRow record)
    {
        record = default;
        if (reader.Peek() < 0)
        {
            return false;
        }

        var startLine = line;
        var cells = new List<string>();
        var cell = new StringBuilder();
        var quoted = false;
        while (true)
        {
            var next = reader.Read();
            if (quoted)
            {
                if (next < 0)
                {
                    throw new TrainingDataException($"{source} line {startLine}: a quoted cell is not closed before the end of the file.");
                }

                if (next == '"')
                {
                    if (reader.Peek() == '"')
                    {
                        reader.Read();
                        cell.Append('"');
                    }
                    else
                    {
                        quoted = false;
                    }
                }
                else
                {
                    line += next == '\n' ? 1 : 0;
                    cell.Append((char)next);
                }

                continue;
            }

            switch (next)
            {
                case '"' when cell.Length == 0:
                    quoted = true;
                    break;
                case ',':
                    cells.Add(cell.ToString());
                    cell.Clear();
                    break;
                case '\r' when reader.Peek() == '\n':
                    break;
                case '\n' or -1:
                    line += next == '\n' ? 1 : 0;
                    cells.Add(cell.ToString());
                    record = new CsvRow(startLine, [.. cells]);
                    return true;
                default:
                    cell.Append((char)next);
                    break;
            }
        }
    }
}
