using System.Globalization;
using System.Reflection;
using Parquet;
using Parquet.Schema;

namespace Serverless.Training.Data;

/// <summary>
/// Reads a Parquet file with flat columns into cells: numbers in invariant-culture text (round-trip), booleans as
/// <c>true</c>/<c>false</c>, strings as they are, dates in ISO 8601; null is missing. Rows are numbered from 1.
/// </summary>
internal static class ParquetParser
{
    private static readonly MethodInfo ReadValuesMethod =
        typeof(ParquetParser).GetMethod(nameof(ReadValuesAsync), BindingFlags.NonPublic | BindingFlags.Static)!;

    /// <exception cref="TrainingDataException">Not Parquet, a nested column, no rows, or more than <paramref name="maxRows"/> rows.</exception>
    public static async Task<TabularData> ReadAsync(Stream stream, string source, CellCleaner cleaner, int maxRows, CancellationToken cancellationToken)
    {
        ParquetReader reader;
        try
        {
            reader = await ParquetReader.CreateAsync(stream, leaveStreamOpen: true, cancellationToken: cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            throw new TrainingDataException($"{source} is not a valid Parquet file: {e.Message}", e);
        }

        await using (reader)
        {
            var fields = new DataField[reader.Schema.Fields.Count];
            for (var i = 0; i < fields.Length; i++)
            {
                fields[i] = reader.Schema.Fields[i] as DataField is { MaxRepetitionLevel: 0 } data
                    ? data
                    : throw new TrainingDataException($"{source}: column '{reader.Schema.Fields[i].Name}' is nested (a list, map or struct); only flat columns can be trained on.");
            }

            var header = Header.Validate(fields.Select(f => cleaner.CleanName(f.Name)).ToArray(), source, 1);
            var rows = new List<DataRow>();
            for (var g = 0; g < reader.RowGroupCount; g++)
            {
                using var group = reader.OpenRowGroupReader(g);
                var count = checked((int)group.RowCount);
                if (rows.Count + (long)count > maxRows)
                {
                    throw Limits.TooManyRows(source, maxRows);
                }

                var first = rows.Count;
                for (var r = 0; r < count; r++)
                {
                    rows.Add(new DataRow(first + r + 1, new string?[fields.Length]));
                }

                for (var c = 0; c < fields.Length; c++)
                {
                    var values = await ReadColumnAsync(group, fields[c], count, source, cancellationToken);
                    for (var r = 0; r < count; r++)
                    {
                        rows[first + r].Cells[c] = cleaner.Clean(values[r]);
                    }
                }
            }

            return Header.Complete(header, rows, source);
        }
    }

    private static async Task<string?[]> ReadColumnAsync(ParquetRowGroupReader group, DataField field, int count, string source, CancellationToken cancellationToken)
    {
        try
        {
            if (field.ClrType == typeof(string) || field.ClrType == typeof(ReadOnlyMemory<char>))
            {
                var strings = new string?[count];
                await group.ReadAsync(field, strings.AsMemory(), null, cancellationToken);
                return strings;
            }

            if (!field.ClrType.IsValueType)
            {
                throw new TrainingDataException($"{source}: column '{field.Name}' holds {field.ClrType.Name} values, which cannot be trained on.");
            }

            var task = (Task<string?[]>)ReadValuesMethod.MakeGenericMethod(field.ClrType).Invoke(null, [group, field, count, cancellationToken])!;
            return await task;
        }
        catch (Exception e) when (e is not (TrainingDataException or OperationCanceledException))
        {
            throw new TrainingDataException($"{source}: column '{field.Name}' cannot be read: {e.Message}", e);
        }
    }

    private static async Task<string?[]> ReadValuesAsync<T>(ParquetRowGroupReader group, DataField field, int count, CancellationToken cancellationToken)
        where T : struct
    {
        var values = new T?[count];
        await group.ReadAsync(field, values.AsMemory(), null, cancellationToken);
        var cells = new string?[count];
        for (var i = 0; i < count; i++)
        {
            cells[i] = values[i] is { } value ? Format(value) : null;
        }

        return cells;
    }

    private static string Format<T>(T value) => value switch
    {
        bool b => b ? "true" : "false",
        float f => f.ToString("R", CultureInfo.InvariantCulture),
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        DateTime t => t.ToString("O", CultureInfo.InvariantCulture),
        DateTimeOffset t => t.ToString("O", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value!.ToString()!,
    };
}
