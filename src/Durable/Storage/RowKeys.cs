using System.Globalization;

namespace Serverless.Durable.Storage;

/// <summary>Row keys of an instance's partition; ordinal order is the order events are read in.</summary>
internal static class RowKeys
{
    public const string InboxPrefix = "i-";

    public static string History(string executionId, int index) =>
        string.Create(CultureInfo.InvariantCulture, $"h-{executionId}-{index:D8}");

    public static string HistoryPrefix(string executionId) => $"h-{executionId}-";

    /// <summary>Arrival order first (writers share a clock locally), then a random part for uniqueness.</summary>
    public static string Inbox() =>
        string.Create(CultureInfo.InvariantCulture, $"{InboxPrefix}{DateTime.UtcNow.Ticks:D19}-{Guid.NewGuid():N}");

    public static int HistoryIndex(string rowKey) =>
        int.Parse(rowKey.AsSpan(rowKey.LastIndexOf('-') + 1), CultureInfo.InvariantCulture);
}
