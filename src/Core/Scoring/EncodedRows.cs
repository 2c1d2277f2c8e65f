using System.Buffers;

namespace Serverless.Core.Scoring;

/// <summary>
/// A growable row-major float buffer rented from <see cref="ArrayPool{T}.Shared"/>: the encoded features of
/// one request. Not thread-safe; owned by one request and returned to the pool on <see cref="Dispose"/>.
/// </summary>
internal sealed class EncodedRows(int width, int initialRows = 16) : IDisposable
{
    private float[] _buffer = ArrayPool<float>.Shared.Rent(Math.Max(1, width * initialRows));

    public int Width { get; } = width;

    public int Rows { get; private set; }

    /// <summary>The encoded rows so far: <c>Rows * Width</c> floats.</summary>
    public ReadOnlyMemory<float> Memory => _buffer.AsMemory(0, Rows * Width);

    /// <summary>Appends a row and returns its (uninitialised) columns to fill.</summary>
    public Span<float> AddRow()
    {
        var end = (Rows + 1) * Width;
        if (end > _buffer.Length)
        {
            var larger = ArrayPool<float>.Shared.Rent(Math.Max(end, _buffer.Length * 2));
            _buffer.AsSpan(0, Rows * Width).CopyTo(larger);
            ArrayPool<float>.Shared.Return(_buffer);
            _buffer = larger;
        }

        var row = _buffer.AsSpan(Rows * Width, Width);
        Rows++;
        return row;
    }

    public void Dispose()
    {
        var buffer = Interlocked.Exchange(ref _buffer, []);
        if (buffer.Length > 0)
        {
            ArrayPool<float>.Shared.Return(buffer);
        }
    }
}
