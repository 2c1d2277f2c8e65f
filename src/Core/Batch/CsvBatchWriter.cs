using System.Buffers;

namespace Serverless.Core.Batch;

/// <summary>
/// Writes scored CSV: the input header plus the prediction columns, then each valid input record byte for byte
/// (its quoting kept) followed by its predictions. Lines end with LF.
/// </summary>
/// <remarks>Each block is formatted in memory and written with one asynchronous write, so no I/O blocks a thread.</remarks>
internal sealed class CsvBatchWriter(Stream destination, IReadOnlyList<string> columns, PredictionColumns predictions) : IBatchWriter
{
    private readonly ArrayBufferWriter<byte> _buffer = new(512 * 1024);

    public async ValueTask WriteHeaderAsync(CancellationToken cancellationToken)
    {
        if (columns.Count == 0)
        {
            return;
        }

        var names = columns.Concat(predictions.Names).ToArray();
        for (var i = 0; i < names.Length; i++)
        {
            if (i > 0)
            {
                Utf8Text.Write(_buffer, (byte)',');
            }

            Utf8Text.WriteCsvField(_buffer, names[i]);
        }

        Utf8Text.Write(_buffer, (byte)'\n');
        await FlushAsync(cancellationToken);
    }

    public async ValueTask WriteAsync(RowBlock block, CancellationToken cancellationToken)
    {
        if (block.Count == 0)
        {
            return;
        }

        var rows = (RawRows)block.Payload!;
        for (var row = 0; row < block.Count; row++)
        {
            Utf8Text.Write(_buffer, rows[row]);
            predictions.WriteCsv(_buffer, block.Predictions!, row);
            Utf8Text.Write(_buffer, (byte)'\n');
        }

        await FlushAsync(cancellationToken);
    }

    public ValueTask CompleteAsync(CancellationToken cancellationToken) => FlushAsync(cancellationToken);

    private async ValueTask FlushAsync(CancellationToken cancellationToken)
    {
        if (_buffer.WrittenCount > 0)
        {
            await destination.WriteAsync(_buffer.WrittenMemory, cancellationToken);
            _buffer.ResetWrittenCount();
        }
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
