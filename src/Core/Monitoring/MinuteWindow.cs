namespace Serverless.Core.Monitoring;

/// <summary>One minute of one model version, merged across every instance that flushed it.</summary>
/// <param name="Minute">UTC start of the minute.</param>
/// <param name="Instances">How many instances contributed.</param>
public sealed record MinuteWindow(DateTimeOffset Minute, int Instances, WindowAggregate Aggregate);
