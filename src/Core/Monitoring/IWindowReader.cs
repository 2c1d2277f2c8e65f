namespace Serverless.Core.Monitoring;

/// <summary>
/// Reads window statistics: the stable API that rollout health analysis, drift and the stats endpoint use.
/// Data is what instances have flushed (each every <see cref="MonitoringOptions.FlushInterval"/>), so the newest
/// minute may still grow.
/// </summary>
public interface IWindowReader
{
    /// <summary>Minutes starting in <c>[MinuteOf(from), to)</c>, merged across instances, per version (ascending).</summary>
    /// <param name="version">Only this version; null for all.</param>
    Task<IReadOnlyList<VersionWindows>> ReadAsync(
        string model, DateTimeOffset from, DateTimeOffset to, int? version = null, CancellationToken cancellationToken = default);
}
