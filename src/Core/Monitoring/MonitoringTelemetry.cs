using System.Diagnostics;

namespace Serverless.Core.Monitoring;

/// <summary>Names of this system's meters and activity sources; exporters subscribe to <see cref="Prefix"/>.</summary>
public static class MonitoringTelemetry
{
    /// <summary>Every meter and activity source of this system is named under this prefix (wildcard <c>Serverless.*</c>).</summary>
    public const string Prefix = "Serverless";

    /// <summary>The meter of scoring, input, output and process instruments (see docs/monitoring.md).</summary>
    public const string ScoringMeter = "Serverless.Scoring";

    /// <summary>The activity source of scoring spans.</summary>
    public const string ScoringSource = "Serverless.Scoring";

    /// <summary>Spans around scoring calls; <see cref="ActivitySource.StartActivity(string, ActivityKind)"/> is free when nobody listens.</summary>
    public static ActivitySource Source { get; } = new(ScoringSource);

    // Tag names (attributes). error.type is the OpenTelemetry semantic-convention name.
    public const string ModelTag = "model.name";
    public const string VersionTag = "model.version";
    public const string EndpointTag = "scoring.endpoint";
    public const string StageTag = "scoring.stage";
    public const string FeatureTag = "feature.name";
    public const string ClassTag = "prediction.class";
    public const string ErrorTypeTag = "error.type";
    public const string ShadowVersionTag = "shadow.version";
    public const string ScoreBinTag = "score.bin";
}
