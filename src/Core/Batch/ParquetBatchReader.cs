using Parquet;
using Parquet.Schema;
using Serverless.Core.Models;

namespace Serverless.Core.Batch;

/// <summary>
/// Reads a Parquet file one row group at a time and slices each group into blocks (a block never spans two
/// groups). Numeric features come from integer, float, double, decimal or string columns; categorical ones from
/// string or integer columns; null is missing. A row whose value does not encode is a row error, numbered by its
/// 1-based row in the file.
/// </summary>
/// <remarks>
/// Parquet is read footer first, so the download is spooled to a temporary file (deleted on dispose) while it is
/// hashed: disk holds the input once, memory only the decoded row groups in flight (see docs/batch.md).
/// </remarks>
internal sealed class ParquetBatchReader : IBatchReader
{
    private readonly FileStream _spool;
    private readonly ParquetReader? _parquet;
    private readonly FeatureEncoder _encoder;
    private readonly int[] _featureColumns;
    private ParquetRowGroup? _group;
    private int _nextGroup;
    private int _nextRow;
    private long _firstRowOfNextGroup;

    private ParquetBatchReader(FileStream spool, ParquetReader? parquet, FeatureEncoder encoder, DataField[] fields, int[] featureColumns)
    {
        _spool = spool;
        _parquet = parquet;
        _encoder = encoder;
        Fields = fields;
        Columns = fields.Select(f => f.Name).ToArray();
        _featureColumns = featureColumns;
    }

    public IReadOnlyList<string> Columns { get; }

    /// <summary>The file's columns (empty for a 0-byte file), which the writer reproduces.</summary>
    public IReadOnlyList<DataField> Fields { get; }

    /// <summary>Spools <paramref name="source"/> to a temporary file, reads the footer and matches the schema.</summary>
    /// <exception cref="BatchFileException">Not Parquet, nested columns, a feature without a column or with a column whose type can never feed it.</exception>
    public static async Task<ParquetBatchReader> OpenAsync(
        Stream source, FeatureEncoder encoder, PredictionColumns predictions, CancellationToken cancellationToken)
    {
        var spool = new FileStream(
            Path.Combine(Path.GetTempPath(), $"batch-{Guid.NewGuid():N}.parquet"), FileMode.CreateNew, FileAccess.ReadWrite,
            FileShare.None, 64 * 1024, FileOptions.Asynchronous | FileOptions.DeleteOnClose);
        ParquetReader? parquet = null;
        try
        {
            await source.CopyToAsync(spool, cancellationToken);
            if (spool.Length == 0)
            {
                // A 0-byte upload, as for the text formats: nothing to check, an empty output.
                return new ParquetBatchReader(spool, null, encoder, [], []);
            }

            spool.Position = 0;
            try
            {
                parquet = await ParquetReader.CreateAsync(spool, leaveStreamOpen: true, cancellationToken: cancellationToken);
            }
            catch (Exception e) when (IsCorrupt(e) || e is IOException)
            {
                throw new BatchFileException("The file is not valid Parquet: " + e.Message, e);
            }

            var fields = FlatFields(parquet.Schema);
            var map = BatchSchemaCheck.MapColumns(fields.Select(f => f.Name).ToArray(), encoder, predictions);
            for (var f = 0; f < map.Length; f++)
            {
                CheckType(fields[map[f]], encoder.Schema.Features[f]);
            }

            return new ParquetBatchReader(spool, parquet, encoder, fields, map);
        }
        catch
        {
            if (parquet is not null)
            {
                await parquet.DisposeAsync();
            }

            await spool.DisposeAsync();
            throw;
        }
    }

    public async ValueTask<bool> FillAsync(RowBlock block, CancellationToken cancellationToken)
    {
        if (block.Payload is not ParquetRows rows)
        {
            block.Payload = rows = new ParquetRows();
        }

        rows.Clear();
        if ((_group is null || _nextRow == _group.Rows) && !await NextGroupAsync(cancellationToken))
        {
            return false;
        }

        var group = _group!;
        var end = Math.Min(group.Rows, _nextRow + block.Capacity);
        rows.Group = group;
        for (var row = _nextRow; row < end; row++)
        {
            if (Encode(group, block.RowFeatures(block.Count)) is { } error)
            {
                block.Errors.Add(new RowError(group.FirstRow + row + 1, error));
                continue;
            }

            rows.Kept.Add(row);
            block.Count++;
        }

        _nextRow = end;
        rows.EndsGroup = end == group.Rows;
        return !rows.EndsGroup || _nextGroup < _parquet!.RowGroupCount;
    }

    /// <summary>Decodes the next group with rows; the previous one now belongs to the writer, which releases it.</summary>
    private async ValueTask<bool> NextGroupAsync(CancellationToken cancellationToken)
    {
        _group = null;
        while (_parquet is not null && _nextGroup < _parquet.RowGroupCount)
        {
            var index = _nextGroup++;
            var reader = _parquet.OpenRowGroupReader(index);
            var firstRow = _firstRowOfNextGroup;
            _firstRowOfNextGroup += reader.RowCount;
            if (reader.RowCount == 0)
            {
                continue;
            }

            if (reader.RowCount > Array.MaxLength)
            {
                throw new BatchFileException($"Row group {index} has {reader.RowCount} rows; at most {Array.MaxLength} can be scored.");
            }

            try
            {
                _group = await ParquetRowGroup.ReadAsync(reader, Fields, firstRow, cancellationToken);
            }
            catch (Exception e) when (IsCorrupt(e))
            {
                throw new BatchFileException($"Row group {index} cannot be read: {e.Message}", e);
            }

            _nextRow = 0;
            return true;
        }

        return false;
    }

    // Every feature column advances one row per call, even after an earlier feature failed, to stay aligned.
    private string? Encode(ParquetRowGroup group, Span<float> features)
    {
        string? first = null;
        for (var f = 0; f < features.Length; f++)
        {
            if (!group.Columns[_featureColumns[f]].TryEncodeNext(_encoder, f, out features[f], out var error))
            {
                first ??= error;
            }
        }

        return first;
    }

    private static DataField[] FlatFields(ParquetSchema schema)
    {
        var fields = new DataField[schema.Fields.Count];
        for (var i = 0; i < fields.Length; i++)
        {
            var field = schema.Fields[i];
            if (field is not DataField { MaxRepetitionLevel: 0 } data)
            {
                throw new BatchFileException(
                    $"Column '{field.Name}' is a {field.SchemaType.ToString().ToLowerInvariant()} column; only flat columns (no lists, maps or structs) can be scored.");
            }

            // Every flat type Parquet.Net reads maps to a value type; anything else could not be copied to the output.
            fields[i] = data.ClrType.IsValueType
                ? data
                : throw new BatchFileException($"Column '{field.Name}' holds {data.ClrType.Name} values, which cannot be passed through.");
        }

        return fields;
    }

    /// <summary>Rejects the file when a feature's column has a type that no value of it could encode.</summary>
    private static void CheckType(DataField column, FeatureDefinition feature)
    {
        var kind = ParquetColumn.KindOf(column);
        var fits = feature.Kind switch
        {
            FeatureKind.Categorical => kind is ParquetValueKind.Text or ParquetValueKind.Integer,
            FeatureKind.Boolean => kind is not ParquetValueKind.Other,
            _ => kind is not (ParquetValueKind.Other or ParquetValueKind.Boolean),
        };
        if (!fits)
        {
            var expected = feature.Kind switch
            {
                FeatureKind.Categorical => "a string or integer column",
                FeatureKind.Boolean => "a boolean, integer, float, double, decimal or string column",
                _ => "an integer, float, double, decimal or string column",
            };
            throw new BatchFileException(
                $"Column '{column.Name}' holds {TypeName(column)} values; {feature.Kind.ToString().ToLowerInvariant()} feature '{feature.Name}' needs {expected}.");
        }
    }

    private static string TypeName(DataField column) =>
        column.ClrType == typeof(ReadOnlyMemory<byte>) ? "binary" : column.ClrType.Name;

    // What a malformed or truncated file makes Parquet.Net throw, as opposed to the environment failing.
    private static bool IsCorrupt(Exception e) =>
        e is ParquetException or InvalidDataException or EndOfStreamException or FormatException or OverflowException
            or ArgumentException or IndexOutOfRangeException or InvalidCastException or NotSupportedException;

    public async ValueTask DisposeAsync()
    {
        if (_parquet is not null)
        {
            await _parquet.DisposeAsync();
        }

        await _spool.DisposeAsync();
    }
}
