using System.Text;

namespace Serverless.Training.Data;

/// <summary>
/// Reads delimited text (RFC 4180 quoting: <c>"</c> around a cell, <c>""</c> for a quote inside it, line breaks
/// allowed inside quotes), LF or CRLF line ends, any one-character delimiter. The first record is the header.
/// Blank lines are skipped. With trimming on, blanks around a quoted cell are ignored too (<c>a, "b,c" ,d</c>).
/// </summary>
internal static class CsvParser
{
    /// <summary>Candidates for a delimiter the spec does not give, in order of preference on a tie.</summary>
    private static readonly char[] Candidates = [',', ';', '\t', '|'];

    /// <exception cref="TrainingDataException">Malformed quoting, a ragged row, a bad header, no rows, or more than <paramref name="maxRows"/> rows.</exception>
    public static TabularData Read(TextReader reader, string source, char delimiter, CellCleaner cleaner, int maxRows)
    {
        var records = new List<DataRow>();
        string[]? header = null;
        var line = 1;
        var cell = new StringBuilder();
        var cells = new List<string?>();
        while (TryReadRecord(reader, ref line, source, delimiter, cleaner.Trim, cell, cells, out var startLine))
        {
            if (cells.Count == 1 && string.IsNullOrWhiteSpace(cells[0]))
            {
                continue;
            }

            if (header is null)
            {
                header = Header.Validate(cells.Select(c => cleaner.CleanName(c ?? "")).ToArray(), source, startLine);
                continue;
            }

            if (cells.Count != header.Length)
            {
                throw new TrainingDataException(
                    $"{source} line {startLine}: expected {header.Length} cells like the header, found {cells.Count} (delimiter '{Show(delimiter)}').");
            }

            if (records.Count == maxRows)
            {
                throw Limits.TooManyRows(source, maxRows);
            }

            var row = new string?[cells.Count];
            for (var i = 0; i < row.Length; i++)
            {
                row[i] = cleaner.Clean(cells[i]);
            }

            records.Add(new DataRow(startLine, row));
        }

        return Header.Complete(header, records, source);
    }

    /// <summary>The delimiter of a header line: the candidate that occurs most often outside quotes (comma on a tie or none).</summary>
    public static char Sniff(string firstLine)
    {
        var counts = new int[Candidates.Length];
        var quoted = false;
        foreach (var c in firstLine)
        {
            quoted ^= c == '"';
            var k = Array.IndexOf(Candidates, c);
            if (!quoted && k >= 0)
            {
                counts[k]++;
            }
        }

        var best = 0;
        for (var k = 1; k < counts.Length; k++)
        {
            best = counts[k] > counts[best] ? k : best;
        }

        return Candidates[best];
    }

    public static string Show(char delimiter) => delimiter == '\t' ? "\\t" : delimiter.ToString();

    private static bool TryReadRecord(
        TextReader reader, ref int line, string source, char delimiter, bool trim, StringBuilder cell, List<string?> cells, out int startLine)
    {
        startLine = line;
        cells.Clear();
        cell.Clear();
        if (reader.Peek() < 0)
        {
            return false;
        }

        var quoted = false;
        var closed = false;
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
                        closed = true;
                    }
                }
                else
                {
                    line += next == '\n' ? 1 : 0;
                    cell.Append((char)next);
                }

                continue;
            }

            if (next == delimiter)
            {
                cells.Add(cell.ToString());
                cell.Clear();
                closed = false;
                continue;
            }

            switch (next)
            {
                case '"' when !closed && (cell.Length == 0 || (trim && IsBlank(cell))):
                    cell.Clear();
                    quoted = true;
                    break;
                case '\r' when reader.Peek() == '\n':
                    break;
                case '\n' or -1:
                    line += next == '\n' ? 1 : 0;
                    cells.Add(cell.ToString());
                    return true;
                default:
                    if (closed && !(trim && char.IsWhiteSpace((char)next)))
                    {
                        throw new TrainingDataException($"{source} line {line}: text after the closing quote of a cell.");
                    }

                    if (!closed)
                    {
                        cell.Append((char)next);
                    }

                    break;
            }
        }
    }

    private static bool IsBlank(StringBuilder cell)
    {
        for (var i = 0; i < cell.Length; i++)
        {
            if (!char.IsWhiteSpace(cell[i]))
            {
                return false;
            }
        }

        return true;
    }
}
