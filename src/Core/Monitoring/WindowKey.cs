namespace Serverless.Core.Monitoring;

/// <summary>One model version's minute: the unit of aggregation and of storage.</summary>
/// <param name="Minute">UTC start of the minute (seconds and below are zero).</param>
public readonly record struct WindowKey(string Model, int Version, DateTimeOffset Minute)
{
    /// <summary>The start of the UTC minute that holds <paramref name="time"/>.</summary>
    public static DateTimeOffset MinuteOf(DateTimeOffset time)
    {
        var utc = time.UtcTicks;
        return new DateTimeOffset(utc - (utc % TimeSpan.TicksPerMinute), TimeSpan.Zero);
    }
}
