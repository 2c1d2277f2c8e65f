using System.Globalization;
using Serverless.Core.Models;

namespace Serverless.Core.Validation;

/// <summary>
/// The validation gates as pure functions of what was measured: metric floors and ceilings, no regression against the
/// champion, single-row latency, schema compatibility, sane outputs. Each names its numbers in its detail.
/// </summary>
public static class ValidationGates
{
    public const string Minimums = "metric minimums";
    public const string NoRegression = "no regression";
    public const string Latency = "latency";
    public const string Schema = "schema compatibility";
    public const string Outputs = "sane outputs";

    /// <summary>Holdout metrics where lower is better; every other quality metric is higher-is-better.</summary>
    public static readonly IReadOnlySet<string> LowerIsBetter = new HashSet<string>(StringComparer.Ordinal) { "rmse", "mae", "logLoss", "calibrationError" };

    /// <summary>The quality metrics compared with the champion (row counts and the like are not).</summary>
    public static readonly IReadOnlySet<string> Quality = new HashSet<string>(StringComparer.Ordinal)
    {
        "auc", "accuracy", "precision", "recall", "f1", "macroF1", "logLoss", "calibrationError", "rmse", "mae", "r2",
    };

    public static GateResult CheckMinimums(IReadOnlyDictionary<string, double> metrics, ValidationPolicy policy)
    {
        var checks = policy.Minimums.Where(m => metrics.ContainsKey(m.Key)).Select(m => (m.Key, Value: metrics[m.Key], Bound: m.Value, Ok: metrics[m.Key] >= m.Value, Op: ">="))
            .Concat(policy.Maximums.Where(m => metrics.ContainsKey(m.Key)).Select(m => (m.Key, Value: metrics[m.Key], Bound: m.Value, Ok: metrics[m.Key] <= m.Value, Op: "<=")))
            .ToList();
        if (checks.Count == 0)
        {
            return new GateResult(Minimums, false, "the candidate reports none of the policy's metrics (" + string.Join(", ", policy.Minimums.Keys.Concat(policy.Maximums.Keys)) + ")");
        }

        var failed = checks.Where(c => !c.Ok).ToList();
        var shown = failed.Count > 0 ? failed : checks;
        return new GateResult(Minimums, failed.Count == 0, string.Join("; ", shown.Select(c =>
            $"{c.Key} {N(c.Value)} {(c.Ok ? c.Op : "not " + c.Op)} {N(c.Bound)}")));
    }

    /// <summary>
    /// Binary metrics that depend on the 0.5 cut (<c>accuracy</c>, <c>precision</c>, <c>recall</c>, <c>f1</c>): two models
    /// calibrated differently trade them at that one threshold, so a better ranker can lose on them. Where a candidate
    /// reports <c>auc</c> they are shown but not gated on; <c>auc</c> and <c>logLoss</c> (and calibration) judge it.
    /// </summary>
    public static readonly IReadOnlySet<string> ThresholdDependent = new HashSet<string>(StringComparer.Ordinal) { "accuracy", "precision", "recall", "f1" };

    /// <param name="comparedWith">What the champion's numbers are, for the detail (<see cref="ChampionBasis.Describe"/>).</param>
    public static GateResult CheckRegression(IReadOnlyList<MetricComparison> metrics, int? championVersion, ValidationPolicy policy, string? comparedWith = null)
    {
        if (championVersion is null)
        {
            return new GateResult(NoRegression, true, "skipped: no champion to compare with (first version)");
        }

        var binary = metrics.Any(m => m.Name == "auc");
        var compared = metrics.Where(m => m.Champion is not null && Quality.Contains(m.Name) && !(binary && ThresholdDependent.Contains(m.Name))).ToList();
        if (compared.Count == 0)
        {
            return new GateResult(NoRegression, false, $"no quality metric in common with champion v{championVersion}");
        }

        var worse = compared.Where(m => LowerIsBetter.Contains(m.Name)
            ? m.Candidate > m.Champion!.Value + policy.Tolerance
            : m.Candidate < m.Champion!.Value - policy.Tolerance).ToList();
        var shown = worse.Count > 0 ? worse : compared;
        return new GateResult(NoRegression, worse.Count == 0, $"against {comparedWith ?? $"v{championVersion}"}, tolerance {N(policy.Tolerance)}: " +
            string.Join("; ", shown.Select(m => $"{m.Name} {N(m.Candidate)} vs {N(m.Champion!.Value)}")));
    }

    /// <summary>
    /// The champion could not score the candidate's holdout. When the schema gate fails already it says why, so this
    /// gate only points there (one failure, reported once); when the schemas agree (an unknown category, other classes,
    /// a champion that takes raw tensors), this gate fails with the reason: there is nothing to show no regression with.
    /// </summary>
    public static GateResult NotComparable(int championVersion, string problem, bool schemaPassed) => schemaPassed
        ? new GateResult(NoRegression, false, $"champion v{championVersion} could not score the candidate's holdout: {problem}")
        : new GateResult(NoRegression, true, $"not compared: champion v{championVersion} cannot score the candidate's holdout; see {Schema}");

    public static GateResult CheckLatency(TimeSpan? p95, ValidationPolicy policy) => p95 is { } measured
        ? new GateResult(Latency, measured <= policy.LatencyBudget, $"single-row p95 {Ms(measured)} ms, budget {Ms(policy.LatencyBudget)} ms")
        : new GateResult(Latency, true, "not measured: the model takes raw tensors only");

    /// <summary>Callers send the champion's required fields; a candidate that requires another, or drops one's column, breaks them.</summary>
    public static GateResult CheckSchema(ModelManifest candidate, ModelManifest? champion)
    {
        if (champion is null)
        {
            return new GateResult(Schema, true, "no champion to compare with (first version)");
        }

        if (candidate.Features is null || champion.Features is null)
        {
            var same = candidate.Inputs.Select(i => (i.Name, i.Datatype)).SequenceEqual(champion.Inputs.Select(i => (i.Name, i.Datatype)));
            return new GateResult(Schema, same, same ? "same input tensors as the champion"
                : $"input tensors differ: {string.Join(", ", candidate.Inputs.Select(i => i.Name + ":" + i.Datatype))} vs {string.Join(", ", champion.Inputs.Select(i => i.Name + ":" + i.Datatype))}");
        }

        var required = Required(candidate.Features);
        var championRequired = Required(champion.Features);
        var added = required.Except(championRequired).ToList();
        var dropped = championRequired.Except(required).Where(f => !candidate.Features.Features.Any(c => c.Name == f)).ToList();
        var changedKind = candidate.Features.Features.Join(champion.Features.Features, c => c.Name, c => c.Name, (c, p) => (c.Name, c.Kind, Was: p.Kind))
            .Where(x => x.Kind != x.Was).Select(x => $"{x.Name} {x.Was} -> {x.Kind}").ToList();
        var problems = added.Select(f => $"newly requires {f}").Concat(dropped.Select(f => $"no longer reads {f}")).Concat(changedKind).ToList();
        return new GateResult(Schema, problems.Count == 0, problems.Count == 0
            ? $"same required inputs as the champion ({string.Join(", ", required)})"
            : string.Join("; ", problems));

        static IReadOnlyList<string> Required(FeatureSchema schema) => [.. schema.Features.Where(f => f.Required).Select(f => f.Name)];
    }

    /// <summary>No NaN or infinity, probabilities that are probabilities, and a score that varies across the sample rows.</summary>
    public static GateResult CheckOutputs(IReadOnlyList<double> scores, int invalid, ValidationPolicy policy)
    {
        if (scores.Count == 0)
        {
            return new GateResult(Outputs, true, "not measured: the model takes raw tensors only");
        }

        var mean = scores.Average();
        var spread = Math.Sqrt(scores.Sum(s => (s - mean) * (s - mean)) / scores.Count);
        var detail = $"{scores.Count} sample rows: {invalid} invalid outputs, score mean {N(mean)}, spread {N(spread)} (minimum {N(policy.MinScoreSpread)})";
        return new GateResult(Outputs, invalid == 0 && spread >= policy.MinScoreSpread, detail);
    }

    private static string N(double value) => value.ToString("0.####", CultureInfo.InvariantCulture);

    private static string Ms(TimeSpan value) => value.TotalMilliseconds.ToString("0.###", CultureInfo.InvariantCulture);
}
