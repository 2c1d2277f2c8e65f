namespace Serverless.Core.Validation;

/// <summary>
/// The verdict on a candidate version, stored with it (<c>{model}/{version}/validation.json</c>, rendered as
/// <c>validation.html</c>): every gate's result, the metrics against the champion, the policy applied.
/// </summary>
/// <param name="Metrics">Every quality metric of the candidate beside the champion's compared value and its stored one.</param>
/// <param name="ChampionBasis">What the no-regression gate compared with (<see cref="Validation.ChampionBasis"/>).</param>
/// <param name="ChampionHoldout">The champion re-scored on the candidate's holdout, when it was.</param>
public sealed record ValidationReport(
    string Model,
    int Version,
    int? ChampionVersion,
    bool Passed,
    IReadOnlyList<GateResult> Gates,
    IReadOnlyList<MetricComparison> Metrics,
    double? LatencyP95Ms,
    ValidationPolicy Policy,
    DateTimeOffset EvaluatedAt,
    string ChampionBasis = Validation.ChampionBasis.Stored,
    ChampionOnHoldout? ChampionHoldout = null)
{
    /// <summary>One sentence for people: which champion numbers the no-regression gate used.</summary>
    public string ComparedWith => Validation.ChampionBasis.Describe(ChampionBasis, ChampionVersion, ChampionHoldout);
}
