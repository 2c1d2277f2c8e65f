using System.Buffers;
using System.Diagnostics;
using System.Globalization;
using System.Runtime.CompilerServices;
using Parquet;
using Parquet.Schema;
using Serverless.Core.Models;

namespace Serverless.Core.Batch;

/// <summary>
/// A <see cref="ParquetColumn"/> of values of type <typeparamref name="T"/> (strings are <c>ReadOnlyMemory&lt;char&gt;</c>):
/// the non-null values, packed, and for an optional column one definition level per row (max = present).
/// Written back with the same levels, so nulls and the column's physical and logical type survive unchanged.
/// </summary>
internal sealed class TypedParquetColumn<T>(DataField field) : ParquetColumn(field) where T : struct
{
    private readonly int _present = field.MaxDefinitionLevel;
    private T[] _values = [];
    private int[]? _levels;
    private int _rows;
    private int _count;
    private int _nextRow;
    private int _nextValue;

    public override async ValueTask ReadAsync(ParquetRowGroupReader group, int rows, CancellationToken cancellationToken)
    {
        _rows = rows;
        _values = ArrayPool<T>.Shared.Rent(rows);
        _levels = _present > 0 ? ArrayPool<int>.Shared.Rent(rows) : null;
        await group.ReadRawAsync<T>(Field, _values.AsMemory(0, rows), _levels?.AsMemory(0, rows), null, cancellationToken);
        _count = _levels is null ? rows : _levels.AsSpan(0, rows).Count(_present);
    }

    public override bool TryEncodeNext(FeatureEncoder encoder, int feature, out float value, out string? error)
    {
        var present = _levels is null || _levels[_nextRow] == _present;
        _nextRow++;
        if (!present)
        {
            return encoder.TryEncodeMissing(feature, out value, out error);
        }

        var item = _values[_nextValue++];
        if (typeof(T) == typeof(ReadOnlyMemory<char>))
        {
            return encoder.TryEncodeText(feature, ((ReadOnlyMemory<char>)(object)item).Span, out value, out error);
        }

        if (typeof(T) == typeof(bool))
        {
            // Only boolean features get here (checked when the file is opened).
            return encoder.TryEncodeBoolean(feature, (bool)(object)item!, out value, out error);
        }

        if (IsInteger && encoder.Schema.Features[feature].Kind == FeatureKind.Categorical)
        {
            // Categories are names; an integer column names them by its decimal text, as the same cell in a CSV would.
            Span<char> text = stackalloc char[40];
            Integer(item).TryFormat(text, out var length, provider: CultureInfo.InvariantCulture);
            return encoder.TryEncodeText(feature, text[..length], out value, out error);
        }

        return encoder.TryEncodeNumber(feature, IsInteger ? (double)Integer(item) : Real(item), out value, out error);
    }

    public override Task WriteAsync(ParquetRowGroupWriter group, IReadOnlyList<int>? keep, CancellationToken cancellationToken)
    {
        if (keep is not null)
        {
            Compact(keep);
        }

        return group.WriteAllPartsAsync<T>(Field, _values.AsMemory(0, _count), _levels?.AsMemory(0, _rows), null, cancellationToken);
    }

    public override void Dispose()
    {
        if (_values.Length > 0)
        {
            ArrayPool<T>.Shared.Return(_values, clearArray: RuntimeHelpers.IsReferenceOrContainsReferences<T>());
        }

        if (_levels is not null)
        {
            ArrayPool<int>.Shared.Return(_levels);
        }

        _values = [];
        _levels = null;
    }

    // Output positions never pass input positions, so rows and values move down within the same arrays.
    private void Compact(IReadOnlyList<int> keep)
    {
        int row = 0, value = 0, kept = 0;
        for (var k = 0; k < keep.Count; k++)
        {
            for (; row < keep[k]; row++)
            {
                if (_levels is null || _levels[row] == _present)
                {
                    value++;
                }
            }

            var present = _levels is null || _levels[row] == _present;
            if (_levels is not null)
            {
                _levels[k] = _levels[row];
            }

            if (present)
            {
                _values[kept++] = _values[value++];
            }

            row++;
        }

        _rows = keep.Count;
        _count = kept;
    }

    private static bool IsInteger =>
        typeof(T) == typeof(int) || typeof(T) == typeof(long) || typeof(T) == typeof(short) || typeof(T) == typeof(sbyte) ||
        typeof(T) == typeof(byte) || typeof(T) == typeof(ushort) || typeof(T) == typeof(uint) || typeof(T) == typeof(ulong);

    // The type tests are constants per T, so the JIT keeps one branch and no boxing.
    private static Int128 Integer(T item) =>
        typeof(T) == typeof(int) ? (Int128)(int)(object)item :
        typeof(T) == typeof(long) ? (Int128)(long)(object)item :
        typeof(T) == typeof(short) ? (Int128)(short)(object)item :
        typeof(T) == typeof(sbyte) ? (Int128)(sbyte)(object)item :
        typeof(T) == typeof(byte) ? (Int128)(byte)(object)item :
        typeof(T) == typeof(ushort) ? (Int128)(ushort)(object)item :
        typeof(T) == typeof(uint) ? (Int128)(uint)(object)item :
        typeof(T) == typeof(ulong) ? (Int128)(ulong)(object)item :
        throw new UnreachableException();

    private static double Real(T item) =>
        typeof(T) == typeof(double) ? (double)(object)item :
        typeof(T) == typeof(float) ? (double)(float)(object)item :
        typeof(T) == typeof(decimal) ? (double)(decimal)(object)item :
        throw new InvalidOperationException($"A {typeof(T).Name} column cannot feed a numeric feature.");
}
