using Parquet;
using Parquet.Schema;

namespace Serverless.Core.Batch;

/// <summary>
/// Writes scored Parquet: the input's columns with their own types and nulls, then the prediction columns
/// (<see cref="ParquetPredictionBuffer"/>), one output row group per input row group (its valid rows), Snappy
/// compressed.
/// </summary>
/// <remarks>
/// Parquet.Net writes a non-seekable stream front to back with asynchronous writes only (it tracks the offsets
/// itself), so the output goes straight into the staged blocks: each row group's pages as they are encoded, the
/// footer in <see cref="CompleteAsync"/>. Memory: the row group being written, never the file.
/// </remarks>
internal sealed class ParquetBatchWriter(Stream destination, IReadOnlyList<DataField> fields, PredictionColumns predictions) : IBatchWriter
{
    private readonly ParquetPredictionBuffer _predictions = new(predictions);
    private readonly List<int> _kept = [];
    private ParquetWriter? _writer;

    public async ValueTask WriteHeaderAsync(CancellationToken cancellationToken)
    {
        if (fields.Count == 0)
        {
            // A 0-byte input: the output stays 0 bytes too.
            return;
        }

        var schema = new ParquetSchema(fields.Concat(_predictions.Fields));
        _writer = await ParquetWriter.CreateAsync(schema, destination, new ParquetOptions { CompressionMethod = CompressionMethod.Snappy }, cancellationToken: cancellationToken);
    }

    public async ValueTask WriteAsync(RowBlock block, CancellationToken cancellationToken)
    {
        var rows = (ParquetRows)block.Payload!;
        _kept.AddRange(rows.Kept);
        if (block.Count > 0)
        {
            _predictions.Append(block.Predictions!, block.Count);
        }

        if (!rows.EndsGroup)
        {
            return;
        }

        using var group = rows.Group!;
        if (_kept.Count > 0)
        {
            using var output = _writer!.CreateRowGroup();
            var keep = _kept.Count == group.Rows ? null : _kept;
            foreach (var column in group.Columns)
            {
                await column.WriteAsync(output, keep, cancellationToken);
            }

            await _predictions.WriteAsync(output, cancellationToken);
            output.CompleteValidate();
        }

        _kept.Clear();
        _predictions.Clear();
    }

    /// <summary>Writes the footer; only then is the output a Parquet file.</summary>
    public async ValueTask CompleteAsync(CancellationToken cancellationToken)
    {
        if (_writer is not null)
        {
            await _writer.DisposeAsync();
            _writer = null;
        }
    }

    // A file that was not completed is never committed, so it needs no footer: nothing is written here.
    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
