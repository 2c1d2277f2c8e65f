namespace Serverless.Core.Validation;

/// <summary>
/// The verdict on a candidate version, stored with it (<c>{model}/{version}/validation.json</c>, rendered as
/// <c>validation.html</c>): every gate's result, the metrics against the champion, the policy applied.
/// </summary>
public sealed record ValidationReport(
    string Model,
    int Version,
    int? ChampionVersion,
    bool Passed,
    IReadOnlyList<GateResult> Gates,
    IReadOnlyList<MetricComparison> Metrics,
    double? LatencyP95Ms,
    ValidationPolicy Policy,
    DateTimeOffset EvaluatedAt);
