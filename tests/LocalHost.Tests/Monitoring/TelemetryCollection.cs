namespace Serverless.LocalHost.Tests.Monitoring;

/// <summary>
/// Exporter tests run alone: a MeterProvider subscribes to meters by name across the process, so other hosts'
/// <c>Serverless.Scoring</c> meters, alive in parallel tests, would register the same instruments first and mix in.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TelemetryCollection
{
    public const string Name = "Telemetry export";
}
