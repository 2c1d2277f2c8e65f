using System.Text.Json;

namespace Serverless.Core.Serialization;

/// <summary>
/// String tokens read from untrusted JSON. <see cref="Utf8JsonReader"/> accepts invalid UTF-8 and unpaired
/// surrogate escapes (<c>"\ud800"</c>) while reading and throws <see cref="InvalidOperationException"/> only when
/// the text is decoded; these turn that into a <see cref="JsonException"/> naming the field, which the request
/// readers answer as a 400.
/// </summary>
public static class JsonText
{
    /// <summary>The message for text that cannot be decoded; <paramref name="field"/> says where it is.</summary>
    public static string InvalidMessage(string field) =>
        $"{field} is not valid Unicode text (invalid UTF-8, or an unpaired surrogate escape such as \\ud800).";

    /// <summary>The current string or property name token, decoded.</summary>
    /// <exception cref="JsonException">The text is not valid UTF-8 or has an unpaired surrogate escape.</exception>
    public static string GetString(ref Utf8JsonReader reader, string field)
    {
        try
        {
            return reader.GetString()!;
        }
        catch (InvalidOperationException e) when (reader.TokenType is JsonTokenType.String or JsonTokenType.PropertyName)
        {
            throw new JsonException(InvalidMessage(field), e);
        }
    }

    /// <summary>Decodes the current string token into <paramref name="buffer"/>, or returns false for text that cannot be decoded.</summary>
    public static bool TryCopyString(in Utf8JsonReader reader, Span<char> buffer, out int written)
    {
        try
        {
            written = reader.CopyString(buffer);
            return true;
        }
        catch (InvalidOperationException) when (reader.TokenType is JsonTokenType.String or JsonTokenType.PropertyName)
        {
            written = 0;
            return false;
        }
    }

    /// <summary>The current string token decoded, or null for text that cannot be decoded.</summary>
    public static string? TryGetString(in Utf8JsonReader reader)
    {
        try
        {
            return reader.GetString();
        }
        catch (InvalidOperationException) when (reader.TokenType is JsonTokenType.String or JsonTokenType.PropertyName)
        {
            return null;
        }
    }
}
