using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using Serverless.Core.Serialization;

namespace Serverless.Core.Scoring.OpenInference;

/// <summary>
/// Reads an OIP <c>data</c> array (flat or nested) into a typed array. Stateless; thread-safe.
/// </summary>
internal static class TensorDataReader
{
    private delegate bool ElementReader<T>(ref Utf8JsonReader reader, out T value);

    /// <param name="reader">Positioned on the <c>data</c> value.</param>
    /// <param name="datatype">A datatype with a <see cref="OipDatatype.ClrType"/>.</param>
    public static bool TryRead(ref Utf8JsonReader reader, string datatype, [NotNullWhen(true)] out Array? values, out int count, [NotNullWhen(false)] out string? error) =>
        datatype switch
        {
            OipDatatype.Fp32 => TryRead<float>(ref reader, datatype, ReadFp32, out values, out count, out error),
            OipDatatype.Fp64 => TryRead(ref reader, datatype, static (ref Utf8JsonReader r, out double v) => Number(ref r, out v) && r.TryGetDouble(out v), out values, out count, out error),
            OipDatatype.Int64 => TryRead(ref reader, datatype, static (ref Utf8JsonReader r, out long v) => Number(ref r, out v) && r.TryGetInt64(out v), out values, out count, out error),
            OipDatatype.Int32 => TryRead(ref reader, datatype, static (ref Utf8JsonReader r, out int v) => Number(ref r, out v) && r.TryGetInt32(out v), out values, out count, out error),
            OipDatatype.Int16 => TryRead(ref reader, datatype, static (ref Utf8JsonReader r, out short v) => Number(ref r, out v) && r.TryGetInt16(out v), out values, out count, out error),
            OipDatatype.Int8 => TryRead(ref reader, datatype, static (ref Utf8JsonReader r, out sbyte v) => Number(ref r, out v) && r.TryGetSByte(out v), out values, out count, out error),
            OipDatatype.UInt64 => TryRead(ref reader, datatype, static (ref Utf8JsonReader r, out ulong v) => Number(ref r, out v) && r.TryGetUInt64(out v), out values, out count, out error),
            OipDatatype.UInt32 => TryRead(ref reader, datatype, static (ref Utf8JsonReader r, out uint v) => Number(ref r, out v) && r.TryGetUInt32(out v), out values, out count, out error),
            OipDatatype.UInt16 => TryRead(ref reader, datatype, static (ref Utf8JsonReader r, out ushort v) => Number(ref r, out v) && r.TryGetUInt16(out v), out values, out count, out error),
            OipDatatype.UInt8 => TryRead(ref reader, datatype, static (ref Utf8JsonReader r, out byte v) => Number(ref r, out v) && r.TryGetByte(out v), out values, out count, out error),
            OipDatatype.Bool => TryRead<bool>(ref reader, datatype, ReadBool, out values, out count, out error),
            OipDatatype.Bytes => TryRead<string>(ref reader, datatype, ReadString, out values, out count, out error),
            _ => throw new ArgumentOutOfRangeException(nameof(datatype), datatype, "No CLR type for this datatype."),
        };

    private static bool TryRead<T>(
        ref Utf8JsonReader reader, string datatype, ElementReader<T> read, [NotNullWhen(true)] out Array? values, out int count,
        [NotNullWhen(false)] out string? error)
    {
        values = null;
        count = 0;
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            error = "data must be an array (flattened row-major, or nested).";
            return false;
        }

        var list = new List<T>();
        if (!TryFlatten(ref reader, list, read, datatype, out error))
        {
            return false;
        }

        values = list.ToArray();
        count = list.Count;
        return true;
    }

    private static bool TryFlatten<T>(ref Utf8JsonReader reader, List<T> into, ElementReader<T> read, string datatype, [NotNullWhen(false)] out string? error)
    {
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType == JsonTokenType.StartArray)
            {
                if (!TryFlatten(ref reader, into, read, datatype, out error))
                {
                    return false;
                }

                continue;
            }

            if (!read(ref reader, out var value))
            {
                error = $"data[{into.Count}] is not a valid {datatype} value ({Describe(ref reader)}).";
                return false;
            }

            into.Add(value);
        }

        error = null;
        return true;
    }

    private static bool Number<T>(ref Utf8JsonReader reader, out T value)
    {
        value = default!;
        return reader.TokenType == JsonTokenType.Number;
    }

    private static bool ReadFp32(ref Utf8JsonReader reader, out float value)
    {
        value = 0;
        if (reader.TokenType != JsonTokenType.Number || !reader.TryGetDouble(out var number) || Math.Abs(number) > float.MaxValue)
        {
            return false;
        }

        value = (float)number;
        return true;
    }

    private static bool ReadBool(ref Utf8JsonReader reader, out bool value)
    {
        value = reader.TokenType == JsonTokenType.True;
        return reader.TokenType is JsonTokenType.True or JsonTokenType.False;
    }

    private static bool ReadString(ref Utf8JsonReader reader, out string value)
    {
        // Text that cannot be decoded (invalid UTF-8, an unpaired surrogate) is refused like any other bad element.
        var text = reader.TokenType == JsonTokenType.String ? JsonText.TryGetString(in reader) : null;
        value = text ?? string.Empty;
        return text is not null;
    }

    private static string Describe(ref Utf8JsonReader reader) => reader.TokenType switch
    {
        JsonTokenType.Number => "got " + System.Text.Encoding.UTF8.GetString(reader.ValueSpan),
        JsonTokenType.String => "got a string",
        JsonTokenType.True or JsonTokenType.False => "got a boolean",
        JsonTokenType.Null => "got null",
        JsonTokenType.StartObject => "got an object",
        _ => "got " + reader.TokenType,
    };
}
