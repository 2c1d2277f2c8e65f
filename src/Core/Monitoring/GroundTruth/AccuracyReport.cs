namespace Serverless.Core.Monitoring.GroundTruth;

/// <summary>Live accuracy of one model over <c>[From, To)</c> (by prediction time), per version and per A/B variant.</summary>
/// <param name="Truncated">More labelled predictions matched than <see cref="FeedbackOptions.MaxReportRows"/>: the numbers cover the earliest ones.</param>
/// <param name="Groups">Per version all its samples (<c>variant</c> null), then per variant seen, if any.</param>
public sealed record AccuracyReport(string Model, DateTimeOffset From, DateTimeOffset To, TimeSpan Interval, bool Truncated, IReadOnlyList<AccuracyGroup> Groups);
