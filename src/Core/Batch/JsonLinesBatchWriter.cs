using System.Buffers;

namespace Serverless.Core.Batch;

/// <summary>
/// Writes scored JSON Lines: each valid input object byte for byte, with the prediction fields added before
/// its closing brace.
/// </summary>
internal sealed class JsonLinesBatchWriter(Stream destination, PredictionColumns predictions) : IBatchWriter
{
    private readonly ArrayBufferWriter<byte> _buffer = new(512 * 1024);

    public ValueTask WriteHeaderAsync(CancellationToken cancellationToken) => ValueTask.CompletedTask;

    public async ValueTask WriteAsync(RowBlock block, CancellationToken cancellationToken)
    {
        if (block.Count == 0)
        {
            return;
        }

        var rows = (RawRows)block.Payload!;
        for (var row = 0; row < block.Count; row++)
        {
            // The reader accepted only whole objects, trimmed, so the last byte is the closing brace.
            var line = rows[row];
            var body = line[..^1];
            Utf8Text.Write(_buffer, body);
            predictions.WriteJson(_buffer, block.Predictions!, row, leadingComma: !IsEmptyObject(body));
            Utf8Text.Write(_buffer, "}\n"u8);
        }

        await destination.WriteAsync(_buffer.WrittenMemory, cancellationToken);
        _buffer.ResetWrittenCount();
    }

    public ValueTask CompleteAsync(CancellationToken cancellationToken) => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    // Only in "{ }" is the last significant byte before the closing brace the opening one.
    private static bool IsEmptyObject(ReadOnlySpan<byte> body) => body.TrimEnd(" \t\r\n"u8)[^1] == (byte)'{';
}
