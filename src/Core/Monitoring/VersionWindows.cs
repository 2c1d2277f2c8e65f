namespace Serverless.Core.Monitoring;

/// <summary>The minutes of one model version in a queried range, and their merge.</summary>
/// <param name="Minutes">Minutes that have data, ascending.</param>
/// <param name="Total">Every minute merged: the window a decision (health, drift) reads.</param>
public sealed record VersionWindows(int Version, IReadOnlyList<MinuteWindow> Minutes, WindowAggregate Total);
