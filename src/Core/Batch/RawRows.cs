using System.Buffers;

namespace Serverless.Core.Batch;

/// <summary>The raw UTF-8 bytes of a block's valid records (CSV records, JSON lines), copied as they are so the output keeps every input column exactly.</summary>
internal sealed class RawRows
{
    private readonly List<int> _ends = [];

    public ArrayBufferWriter<byte> Bytes { get; } = new(256 * 1024);

    public void Add(ReadOnlySpan<byte> record)
    {
        Utf8Text.Write(Bytes, record);
        _ends.Add(Bytes.WrittenCount);
    }

    public ReadOnlySpan<byte> this[int row] =>
        Bytes.WrittenSpan[(row == 0 ? 0 : _ends[row - 1]).._ends[row]];

    public void Clear()
    {
        Bytes.ResetWrittenCount();
        _ends.Clear();
    }
}
