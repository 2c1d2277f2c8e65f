using System.Buffers;

namespace Serverless.Core.Batch;

/// <summary>Writes <c>{path}.errors.csv</c>: <c>line,reason</c>, one row per input row that could not be scored.</summary>
internal sealed class ErrorsCsvWriter(Stream destination)
{
    private readonly ArrayBufferWriter<byte> _buffer = new(16 * 1024);

    public long Count { get; private set; }

    public ValueTask WriteHeaderAsync(CancellationToken cancellationToken)
    {
        Utf8Text.Write(_buffer, "line,reason\n"u8);
        return FlushAsync(cancellationToken);
    }

    public ValueTask WriteAsync(IReadOnlyList<RowError> errors, CancellationToken cancellationToken)
    {
        foreach (var error in errors)
        {
            Utf8Text.Write(_buffer, error.Line);
            Utf8Text.Write(_buffer, (byte)',');
            Utf8Text.WriteCsvField(_buffer, error.Reason);
            Utf8Text.Write(_buffer, (byte)'\n');
        }

        Count += errors.Count;
        return FlushAsync(cancellationToken);
    }

    private async ValueTask FlushAsync(CancellationToken cancellationToken)
    {
        if (_buffer.WrittenCount > 0)
        {
            await destination.WriteAsync(_buffer.WrittenMemory, cancellationToken);
            _buffer.ResetWrittenCount();
        }
    }
}
