using System.Text.Json;

namespace Serverless.Core.Scoring;

/// <summary>
/// Sticky routing: a request's routing key (the <see cref="Header"/> header, or a record field the deployment names) maps
/// to a fixed bucket 0-99, so the same key gets the same version while the weight stays, and stays on the challenger as
/// its weight grows (bucket &lt; weight).
/// </summary>
public static class RoutingKeys
{
    public const string Header = "x-routing-key";

    /// <summary>
    /// FNV-1a over the key's UTF-16 code units, mod 100: stable across processes and instances (unlike
    /// <see cref="string.GetHashCode()"/>), so every scoring instance puts a key in the same bucket.
    /// </summary>
    public static int Bucket(ReadOnlySpan<char> key)
    {
        var hash = 2166136261u;
        foreach (var c in key)
        {
            hash = (hash ^ c) * 16777619u;
        }

        return (int)(hash % 100);
    }

    /// <summary>
    /// The value of <paramref name="field"/> in the first record of a predict body (<c>{ "records": [ { ... } ] }</c>),
    /// as text (strings unquoted, numbers as written); null when absent or when the body is not that shape (the scorer
    /// reports that). Reads at most up to the end of the first record.
    /// </summary>
    public static string? FromFirstRecord(ReadOnlySpan<byte> utf8Json, string field)
    {
        try
        {
            var reader = new Utf8JsonReader(utf8Json);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return null;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (!reader.ValueTextEquals("records"u8))
                {
                    reader.Read();
                    reader.Skip();
                    continue;
                }

                if (!reader.Read() || reader.TokenType != JsonTokenType.StartArray || !reader.Read() || reader.TokenType != JsonTokenType.StartObject)
                {
                    return null;
                }

                while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                {
                    var match = reader.ValueTextEquals(field);
                    reader.Read();
                    if (match)
                    {
                        return reader.TokenType switch
                        {
                            JsonTokenType.String => reader.GetString(),
                            JsonTokenType.Number or JsonTokenType.True or JsonTokenType.False =>
                                System.Text.Encoding.UTF8.GetString(reader.HasValueSequence ? System.Buffers.BuffersExtensions.ToArray(reader.ValueSequence) : reader.ValueSpan),
                            _ => null,
                        };
                    }

                    reader.Skip();
                }

                return null;
            }
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            // Malformed or undecodable: no key; the record reader answers the 400 with the position.
        }

        return null;
    }
}
