using Parquet;
using Parquet.Schema;

namespace Serverless.Core.Batch;

/// <summary>
/// One input row group, every column decoded: the unit the Parquet reader loads and the writer writes back.
/// The reader slices it into blocks; the writer disposes it once its last block is written.
/// </summary>
internal sealed class ParquetRowGroup : IDisposable
{
    private ParquetRowGroup(long firstRow, int rows, ParquetColumn[] columns)
    {
        FirstRow = firstRow;
        Rows = rows;
        Columns = columns;
    }

    /// <summary>0-based number, in the file, of this group's first row.</summary>
    public long FirstRow { get; }

    public int Rows { get; }

    /// <summary>Every column of the file, in schema order.</summary>
    public ParquetColumn[] Columns { get; }

    public static async Task<ParquetRowGroup> ReadAsync(
        ParquetRowGroupReader group, IReadOnlyList<DataField> fields, long firstRow, CancellationToken cancellationToken)
    {
        var rows = (int)group.RowCount;
        var columns = new ParquetColumn[fields.Count];
        try
        {
            for (var c = 0; c < columns.Length; c++)
            {
                columns[c] = ParquetColumn.Create(fields[c]);
                await columns[c].ReadAsync(group, rows, cancellationToken);
            }
        }
        catch
        {
            foreach (var column in columns)
            {
                column?.Dispose();
            }

            throw;
        }

        return new ParquetRowGroup(firstRow, rows, columns);
    }

    public void Dispose()
    {
        foreach (var column in Columns)
        {
            column.Dispose();
        }
    }
}
