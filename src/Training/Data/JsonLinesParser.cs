using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Serverless.Training.Data;

/// <summary>
/// Reads JSON Lines: one flat object per line. Columns are the keys in first-seen order; a key a line lacks is
/// missing there. Strings and numbers are cells as written (numbers in their JSON text), booleans are
/// <c>true</c>/<c>false</c>, null is missing; an object or array value is an error naming the line and key.
/// </summary>
internal static class JsonLinesParser
{
    /// <exception cref="TrainingDataException">A line that is not a flat JSON object, no rows, or more than <paramref name="maxRows"/> rows.</exception>
    public static TabularData Read(TextReader reader, string source, CellCleaner cleaner, int maxRows)
    {
        var columns = new Dictionary<string, int>(StringComparer.Ordinal);
        var names = new List<string>();
        var rows = new List<DataRow>();
        var values = new List<(int Column, string? Value)>();
        var lineNumber = 0;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            if (rows.Count == maxRows)
            {
                throw Limits.TooManyRows(source, maxRows);
            }

            values.Clear();
            ReadObject(line, source, lineNumber, cleaner, columns, names, values);
            var cells = new string?[names.Count];
            foreach (var (column, value) in values)
            {
                cells[column] = value;
            }

            rows.Add(new DataRow(lineNumber, cells));
        }

        // Rows read before a column first appeared lack its cell: missing there.
        for (var r = 0; r < rows.Count; r++)
        {
            if (rows[r].Cells.Length < names.Count)
            {
                var cells = rows[r].Cells;
                Array.Resize(ref cells, names.Count);
                rows[r] = rows[r] with { Cells = cells };
            }
        }

        return Header.Complete(names.Count == 0 ? null : Header.Validate([.. names], source, 1), rows, source);
    }

    private static void ReadObject(
        string line, string source, int lineNumber, CellCleaner cleaner, Dictionary<string, int> columns, List<string> names,
        List<(int, string?)> values)
    {
        var bytes = Encoding.UTF8.GetBytes(line);
        var reader = new Utf8JsonReader(bytes, new JsonReaderOptions { MaxDepth = 4 });
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                throw new TrainingDataException($"{source} line {lineNumber}: expected a JSON object, one per line.");
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var key = cleaner.CleanName(reader.GetString()!);
                reader.Read();
                string? value = reader.TokenType switch
                {
                    JsonTokenType.String => reader.GetString(),
                    JsonTokenType.Number => Encoding.UTF8.GetString(reader.ValueSpan),
                    JsonTokenType.True => bool.TrueString.ToLower(CultureInfo.InvariantCulture),
                    JsonTokenType.False => bool.FalseString.ToLower(CultureInfo.InvariantCulture),
                    JsonTokenType.Null => null,
                    _ => throw new TrainingDataException(
                        $"{source} line {lineNumber}: '{key}' holds an {(reader.TokenType == JsonTokenType.StartArray ? "array" : "object")}; only flat values can be trained on."),
                };
                if (!columns.TryGetValue(key, out var column))
                {
                    column = columns[key] = names.Count;
                    names.Add(key);
                }

                if (values.Exists(v => v.Item1 == column))
                {
                    throw new TrainingDataException($"{source} line {lineNumber}: key '{key}' appears twice.");
                }

                values.Add((column, cleaner.Clean(value)));
            }

            while (reader.Read())
            {
                // A trailing value after the object makes the reader throw: the line is malformed.
            }
        }
        catch (JsonException e)
        {
            throw new TrainingDataException($"{source} line {lineNumber}: invalid JSON: {e.Message}", e);
        }
    }
}
