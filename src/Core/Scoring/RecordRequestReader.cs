using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using Serverless.Core.Models;

using Serverless.Core.Serialization;

namespace Serverless.Core.Scoring;

/// <summary>
/// Reads <c>{ "records": [ { field: value, ... }, ... ] }</c> straight into encoded float rows with
/// <see cref="Utf8JsonReader"/> and <see cref="FeatureEncoder"/>: no DOM, no per-record allocation.
/// </summary>
/// <remarks>
/// Every error names its place (<c>records[3].age</c>) and says what was expected. Numbers and strings go
/// through the encoder; null or an absent field is "missing" (NaN unless required); booleans feed boolean
/// features only; objects and arrays are refused rather than guessed at. Stateless and thread-safe.
/// </remarks>
internal static class RecordRequestReader
{
    private const int StackChars = 256;

    public static bool TryRead(
        ReadOnlySpan<byte> json, FeatureEncoder encoder, string model, int maxRecords, EncodedRows rows,
        [NotNullWhen(false)] out string? error)
    {
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Disallow, MaxDepth = 16 });
        try
        {
            return TryReadBody(ref reader, encoder, model, maxRecords, rows, out error);
        }
        catch (JsonException e)
        {
            error = $"The body is not valid JSON: {e.Message}";
            return false;
        }
    }

    private static bool TryReadBody(
        ref Utf8JsonReader reader, FeatureEncoder encoder, string model, int maxRecords, EncodedRows rows, out string? error)
    {
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            error = """The body must be a JSON object: { "records": [ { "field": value, ... } ] }.""";
            return false;
        }

        var sawRecords = false;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (!reader.ValueTextEquals("records"u8))
            {
                error = $"'{JsonText.GetString(ref reader, "A request field name")}' is not a request field; the body is {{ \"records\": [ ... ] }}.";
                return false;
            }

            if (sawRecords)
            {
                error = "'records' is given twice.";
                return false;
            }

            sawRecords = true;
            reader.Read();
            if (!TryReadRecords(ref reader, encoder, model, maxRecords, rows, out error))
            {
                return false;
            }
        }

        // Drain: a trailing value after the object is malformed JSON and makes the reader throw.
        while (reader.Read())
        {
        }

        if (!sawRecords)
        {
            error = """The body has no 'records' array: { "records": [ { "field": value, ... } ] }.""";
            return false;
        }

        if (rows.Rows == 0)
        {
            error = "'records' is empty; send at least one record.";
            return false;
        }

        error = null;
        return true;
    }

    private static bool TryReadRecords(
        ref Utf8JsonReader reader, FeatureEncoder encoder, string model, int maxRecords, EncodedRows rows, out string? error)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            error = "'records' must be an array of objects.";
            return false;
        }

        Span<bool> seen = encoder.Width <= 512 ? stackalloc bool[encoder.Width] : new bool[encoder.Width];
        Span<char> chars = stackalloc char[StackChars];
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            var index = rows.Rows;
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                error = $"records[{index}] must be an object of feature values, got {Describe(reader.TokenType)}.";
                return false;
            }

            if (index == maxRecords)
            {
                error = $"The request has more than {maxRecords} records; split it into several requests.";
                return false;
            }

            if (!TryReadRecord(ref reader, encoder, model, index, rows.AddRow(), seen, chars, out error))
            {
                return false;
            }
        }

        error = null;
        return true;
    }

    private static bool TryReadRecord(
        ref Utf8JsonReader reader, FeatureEncoder encoder, string model, int index, Span<float> row, scoped Span<bool> seen,
        scoped Span<char> chars, out string? error)
    {
        seen.Clear();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (!TryText(in reader, chars, out var name))
            {
                error = JsonText.InvalidMessage($"A field name in records[{index}]");
                return false;
            }

            var column = encoder.IndexOf(name);
            if (column < 0)
            {
                error = $"records[{index}].{name} is not a feature of model {model}.";
                return false;
            }

            if (seen[column])
            {
                error = $"records[{index}].{name} is given twice.";
                return false;
            }

            seen[column] = true;
            reader.Read();
            bool ok;
            string? encoderError;
            switch (reader.TokenType)
            {
                case JsonTokenType.Number:
                    ok = reader.TryGetDouble(out var number)
                        ? encoder.TryEncodeNumber(column, number, out row[column], out encoderError)
                        : Fail(out row[column], out encoderError, $"Field '{encoder.Schema.Features[column].Name}' must be a finite number that fits a float.");
                    break;
                case JsonTokenType.String:
                    // The name's chars are no longer needed once its column is known, so the buffer is reused.
                    ok = TryText(in reader, chars, out var text)
                        ? encoder.TryEncodeText(column, text, out row[column], out encoderError)
                        : Fail(out row[column], out encoderError, JsonText.InvalidMessage("The value"));
                    break;
                case JsonTokenType.Null:
                    ok = encoder.TryEncodeMissing(column, out row[column], out encoderError);
                    break;
                case JsonTokenType.True or JsonTokenType.False:
                    ok = encoder.TryEncodeBoolean(column, reader.TokenType == JsonTokenType.True, out row[column], out encoderError);
                    break;
                default:
                    error = $"records[{index}].{encoder.Schema.Features[column].Name} must be a number, a string, a boolean or null, got {Describe(reader.TokenType)}.";
                    return false;
            }

            if (!ok)
            {
                error = $"records[{index}].{encoder.Schema.Features[column].Name}: {encoderError}";
                return false;
            }
        }

        for (var column = 0; column < seen.Length; column++)
        {
            if (!seen[column] && !encoder.TryEncodeMissing(column, out row[column], out var missing))
            {
                error = $"records[{index}].{encoder.Schema.Features[column].Name}: {missing}";
                return false;
            }
        }

        error = null;
        return true;
    }

    /// <summary>
    /// The current string token as chars: in <paramref name="buffer"/> when it fits, else allocated (rare). False when
    /// the text cannot be decoded (invalid UTF-8 or an unpaired surrogate escape).
    /// </summary>
    private static bool TryText(in Utf8JsonReader reader, Span<char> buffer, out ReadOnlySpan<char> text)
    {
        var length = reader.HasValueSequence ? reader.ValueSequence.Length : reader.ValueSpan.Length;
        if (length <= buffer.Length && !reader.HasValueSequence)
        {
            // Unescaped UTF-16 never needs more chars than the escaped UTF-8 has bytes.
            var ok = JsonText.TryCopyString(in reader, buffer, out var written);
            text = buffer[..written];
            return ok;
        }

        var decoded = JsonText.TryGetString(in reader);
        text = decoded.AsSpan();
        return decoded is not null;
    }

    private static bool Fail(out float value, out string? error, string message)
    {
        value = float.NaN;
        error = message;
        return false;
    }

    private static string Describe(JsonTokenType token) => token switch
    {
        JsonTokenType.StartObject => "an object",
        JsonTokenType.StartArray => "an array",
        JsonTokenType.String => "a string",
        JsonTokenType.Number => "a number",
        JsonTokenType.True or JsonTokenType.False => "a boolean",
        JsonTokenType.Null => "null",
        _ => token.ToString(),
    };
}
