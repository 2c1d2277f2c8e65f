using Parquet;
using Parquet.Schema;
using Serverless.Core.Models;

namespace Serverless.Core.Batch;

/// <summary>
/// One flat column of one decoded row group: the rows' values as Parquet stores them, read once and used twice,
/// to encode the features it feeds and to write the column back unchanged into the output row group.
/// </summary>
/// <remarks>
/// Not thread-safe; the pipeline hands a row group from the reader to the writer, never to both at once.
/// The values live in pooled arrays until <see cref="Dispose"/>.
/// </remarks>
internal abstract class ParquetColumn(DataField field) : IDisposable
{
    public DataField Field { get; } = field;

    /// <summary>A column for <paramref name="field"/>'s CLR type (every flat Parquet type maps to a value type).</summary>
    public static ParquetColumn Create(DataField field) =>
        (ParquetColumn)Activator.CreateInstance(typeof(TypedParquetColumn<>).MakeGenericType(field.ClrType), field)!;

    public static ParquetValueKind KindOf(DataField field)
    {
        var type = field.ClrType;
        if (type == typeof(sbyte) || type == typeof(byte) || type == typeof(short) || type == typeof(ushort) ||
            type == typeof(int) || type == typeof(uint) || type == typeof(long) || type == typeof(ulong))
        {
            return ParquetValueKind.Integer;
        }

        if (type == typeof(float) || type == typeof(double) || type == typeof(decimal))
        {
            return ParquetValueKind.Real;
        }

        if (type == typeof(bool))
        {
            return ParquetValueKind.Boolean;
        }

        return type == typeof(ReadOnlyMemory<char>) ? ParquetValueKind.Text : ParquetValueKind.Other;
    }

    /// <summary>Reads the whole column chunk of <paramref name="group"/>.</summary>
    public abstract ValueTask ReadAsync(ParquetRowGroupReader group, int rows, CancellationToken cancellationToken);

    /// <summary>Encodes the next row's value (rows are visited once each, in order) into feature <paramref name="feature"/>.</summary>
    public abstract bool TryEncodeNext(FeatureEncoder encoder, int feature, out float value, out string? error);

    /// <summary>Writes the rows listed in <paramref name="keep"/> (ascending; null = all), with their original type and nulls.</summary>
    /// <remarks>Compacts the column in place, so it can be written only once.</remarks>
    public abstract Task WriteAsync(ParquetRowGroupWriter group, IReadOnlyList<int>? keep, CancellationToken cancellationToken);

    public abstract void Dispose();
}
