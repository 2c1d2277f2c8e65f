using System.Diagnostics;
using Microsoft.Extensions.Options;
using Serverless.Core.Models;
using Serverless.Core.Scoring;

namespace Serverless.Core.Validation;

/// <summary>
/// Runs the validation gates on a registered version: reads its manifest and the champion's, loads the candidate as
/// serving would (verified artifact, the same ONNX Runtime session), times single-row scoring, scores sample rows, and
/// stores the report with the version. The no-regression gate compares with the champion re-scored on the candidate's
/// holdout when the request carries it (<see cref="ValidationRequest.ChampionHoldout"/>), else with its stored metrics;
/// the report says which (<see cref="ValidationReport.ChampionBasis"/>).
/// </summary>
/// <remarks>
/// Idempotent in effect: a rerun measures again and replaces the stored report (the last evaluation wins). Loading the
/// candidate does not route traffic to it. Thread-safe.
/// </remarks>
public sealed class CandidateValidator(
    IModelRegistry registry, IModelProvider models, ValidationReportStore reports, IOptions<ValidationOptions> options, TimeProvider time)
{
    private const int WarmUpCalls = 10;

    /// <exception cref="ModelNotFoundException">The candidate (or the named champion) is not registered.</exception>
    public async Task<ValidationReport> ValidateAsync(ValidationRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var candidate = await registry.GetManifestAsync(request.Model, request.Version, cancellationToken)
            ?? throw new ModelNotFoundException($"Model '{request.Model}' has no version {request.Version}.");
        var championVersion = request.ChampionVersion ?? (await registry.GetDeploymentAsync(request.Model, cancellationToken))?.Champion;
        if (championVersion == request.Version)
        {
            championVersion = null;
        }

        var champion = championVersion is { } v
            ? await registry.GetManifestAsync(request.Model, v, cancellationToken) ?? throw new ModelNotFoundException($"Model '{request.Model}' has no version {v}.")
            : null;
        var policy = request.Policy ?? options.Value.DefaultFor(candidate.Task);
        var holdout = championVersion is { } cv && request.ChampionHoldout?.Version == cv ? request.ChampionHoldout : null;
        var basis = championVersion is null ? ChampionBasis.None
            : holdout is null ? ChampionBasis.Stored
            : holdout.Metrics is null ? ChampionBasis.Unscorable
            : ChampionBasis.Holdout;
        var compared = basis == ChampionBasis.Holdout ? holdout!.Metrics : basis == ChampionBasis.Stored ? champion!.Metrics : null;
        var metrics = candidate.Metrics.Where(m => ValidationGates.Quality.Contains(m.Key))
            .Select(m => new MetricComparison(m.Key, m.Value, Value(compared, m.Key), Value(champion?.Metrics, m.Key)))
            .OrderBy(m => m.Name, StringComparer.Ordinal).ToList();

        var scoring = await models.GetAsync(request.Model, request.Version, cancellationToken);
        var (p95, scores, invalid) = scoring.Encoder is null ? (null, [], 0) : Probe(scoring, options.Value);
        var schema = ValidationGates.CheckSchema(candidate, champion);
        var comparedWith = ChampionBasis.Describe(basis, championVersion, holdout);
        GateResult[] gates =
        [
            ValidationGates.CheckMinimums(candidate.Metrics, policy),
            basis == ChampionBasis.Unscorable
                ? ValidationGates.NotComparable(championVersion!.Value, holdout!.Problem ?? "", schema.Passed)
                : ValidationGates.CheckRegression(metrics, championVersion, policy, comparedWith),
            ValidationGates.CheckLatency(p95, policy),
            schema,
            ValidationGates.CheckOutputs(scores, invalid, policy),
        ];
        var report = new ValidationReport(request.Model, request.Version, championVersion, gates.All(g => g.Passed), gates, metrics,
            p95?.TotalMilliseconds, policy, time.GetUtcNow(), basis, holdout);
        await reports.WriteAsync(report, cancellationToken);
        return report;
    }

    private static double? Value(IReadOnlyDictionary<string, double>? metrics, string name) =>
        metrics is not null && metrics.TryGetValue(name, out var value) ? value : null;

    private static (TimeSpan? P95, IReadOnlyList<double> Scores, int Invalid) Probe(IScoringModel model, ValidationOptions options)
    {
        var width = model.Encoder!.Width;
        var rows = SampleRows.Build(model.Encoder.Schema, model.Manifest.Statistics, options.SampleRows);
        var single = rows.AsMemory(0, width);
        for (var i = 0; i < WarmUpCalls; i++)
        {
            model.ScoreEncoded(single, 1);
        }

        var times = new double[options.LatencySamples];
        for (var i = 0; i < times.Length; i++)
        {
            var start = Stopwatch.GetTimestamp();
            model.ScoreEncoded(single, 1);
            times[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        }

        Array.Sort(times);
        var p95 = TimeSpan.FromMilliseconds(times[(int)Math.Ceiling(0.95 * times.Length) - 1]);
        var (scores, invalid) = Scores(model.ScoreEncoded(rows, options.SampleRows));
        return (p95, scores, invalid);
    }

    /// <summary>The score per row (positive-class or top probability, or the value) and how many rows were not sane.</summary>
    private static (IReadOnlyList<double> Scores, int Invalid) Scores(TabularPredictions predictions)
    {
        var scores = new List<double>(predictions.Rows);
        var invalid = 0;
        for (var row = 0; row < predictions.Rows; row++)
        {
            if (predictions.Probabilities is { } probabilities && predictions.ClassLabels is { Count: > 0 } labels)
            {
                var p = probabilities.AsSpan(row * labels.Count, labels.Count);
                var sum = 0.0;
                var bad = false;
                foreach (var value in p)
                {
                    bad |= !float.IsFinite(value) || value < -1e-6 || value > 1 + 1e-6;
                    sum += value;
                }

                invalid += bad || Math.Abs(sum - 1) > 1e-3 ? 1 : 0;
                scores.Add(labels.Count == 2 ? p[1] : p.ToArray().Max());
            }
            else if (predictions.Values is { } values)
            {
                invalid += float.IsFinite(values[row]) ? 0 : 1;
                scores.Add(values[row]);
            }
        }

        return (scores, invalid);
    }
}
