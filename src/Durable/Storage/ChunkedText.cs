using Azure.Data.Tables;

namespace Serverless.Durable.Storage;

/// <summary>
/// Stores long strings in a table entity as several properties (<c>Data</c>, <c>Data1</c>, ...) plus a count
/// (<c>DataChunks</c>), because one string property holds at most 64 KB (32K UTF-16 characters) while an entity
/// holds 1 MB.
/// </summary>
/// <remarks>The count is always written, also for null (0), so that a merge update replaces a longer old value.</remarks>
internal static class ChunkedText
{
    private const int ChunkChars = 32_000;

    /// <summary>About 900 KB of UTF-16 in one entity, leaving room for the other properties.</summary>
    public const int MaxChars = ChunkChars * 14;

    public static void Write(TableEntity entity, string name, string? value)
    {
        if (value is { Length: > MaxChars })
        {
            throw new InvalidOperationException(
                $"A payload of {value.Length} characters exceeds the embedded engine's limit of {MaxChars}; pass a blob reference instead.");
        }

        var chunks = value is null ? 0 : Math.Max(1, (value.Length + ChunkChars - 1) / ChunkChars);
        entity[name + "Chunks"] = chunks;
        for (var index = 0; index < chunks; index++)
        {
            var offset = index * ChunkChars;
            entity[index == 0 ? name : name + index] = value!.Substring(offset, Math.Min(ChunkChars, value.Length - offset));
        }
    }

    public static string? Read(TableEntity entity, string name)
    {
        var chunks = entity.GetInt32(name + "Chunks") ?? 0;
        if (chunks == 0)
        {
            return null;
        }

        if (chunks == 1)
        {
            return entity.GetString(name);
        }

        var builder = new System.Text.StringBuilder(entity.GetString(name));
        for (var index = 1; index < chunks; index++)
        {
            builder.Append(entity.GetString(name + index));
        }

        return builder.ToString();
    }
}
