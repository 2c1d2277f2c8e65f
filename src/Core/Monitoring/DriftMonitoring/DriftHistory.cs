namespace Serverless.Core.Monitoring.DriftMonitoring;

/// <summary>The drift checks recorded for one model in <c>[From, To)</c>, oldest first.</summary>
public sealed record DriftHistory(string Model, DateTimeOffset From, DateTimeOffset To, IReadOnlyList<DriftCheck> Checks);
