using System.Buffers;
using System.Globalization;
using System.Text;

namespace Serverless.Core.Batch;

/// <summary>Small UTF-8 writing helpers shared by the CSV and JSON Lines writers.</summary>
internal static class Utf8Text
{
    private static readonly SearchValues<char> CsvSpecial = SearchValues.Create(",\"\r\n");

    public static void Write(IBufferWriter<byte> output, ReadOnlySpan<byte> bytes)
    {
        bytes.CopyTo(output.GetSpan(bytes.Length));
        output.Advance(bytes.Length);
    }

    public static void Write(IBufferWriter<byte> output, byte b)
    {
        output.GetSpan(1)[0] = b;
        output.Advance(1);
    }

    public static void Write(IBufferWriter<byte> output, ReadOnlySpan<char> text)
    {
        var span = output.GetSpan(Encoding.UTF8.GetMaxByteCount(text.Length));
        output.Advance(Encoding.UTF8.GetBytes(text, span));
    }

    /// <summary>Writes a float as the shortest text that round-trips (invariant culture).</summary>
    public static void Write(IBufferWriter<byte> output, float value)
    {
        var span = output.GetSpan(32);
        value.TryFormat(span, out var written, default, CultureInfo.InvariantCulture);
        output.Advance(written);
    }

    public static void Write(IBufferWriter<byte> output, long value)
    {
        var span = output.GetSpan(24);
        value.TryFormat(span, out var written, default, CultureInfo.InvariantCulture);
        output.Advance(written);
    }

    /// <summary>Writes an RFC 4180 field: quoted, with quotes doubled, only when it contains a comma, quote or line break.</summary>
    public static void WriteCsvField(IBufferWriter<byte> output, ReadOnlySpan<char> value)
    {
        if (value.IndexOfAny(CsvSpecial) < 0)
        {
            Write(output, value);
            return;
        }

        Write(output, (byte)'"');
        while (value.Length > 0)
        {
            var quote = value.IndexOf('"');
            if (quote < 0)
            {
                Write(output, value);
                break;
            }

            Write(output, value[..(quote + 1)]);
            Write(output, (byte)'"');
            value = value[(quote + 1)..];
        }

        Write(output, (byte)'"');
    }

    public static byte[] CsvField(string value)
    {
        var buffer = new ArrayBufferWriter<byte>(value.Length + 2);
        WriteCsvField(buffer, value);
        return buffer.WrittenSpan.ToArray();
    }
}
