using System.Globalization;
using Serverless.Core.Monitoring;
using Serverless.Core.Monitoring.GroundTruth;

namespace Serverless.Core.Rollout.Health;

/// <summary>
/// Compares a rollout candidate with the champion: error rate, invalid outputs, p95 latency, score distribution shift
/// (PSI) and, when both have enough ground truth, live accuracy (RMSE for regression). The first failed check decides.
/// </summary>
/// <remarks>
/// Pure and deterministic. Below <see cref="HealthThresholds.MinRequests"/> candidate requests the verdict is
/// inconclusive, except when the errors already seen exceed what the minimum sample could ever allow (a broken
/// candidate fails at once, without waiting for more traffic to reach it). Checks that need a champion baseline
/// (latency, PSI, accuracy) are skipped, and say so, when the champion has too few samples.
/// </remarks>
public static class HealthAnalyzer
{
    public static HealthReport Analyze(
        int candidate, WindowAggregate? candidateWindow, int champion, WindowAggregate? championWindow,
        AccuracyMetrics? candidateAccuracy, AccuracyMetrics? championAccuracy, HealthThresholds thresholds,
        DateTimeOffset from, DateTimeOffset to)
    {
        ArgumentNullException.ThrowIfNull(thresholds);
        var c = Of(candidate, candidateWindow, candidateAccuracy);
        var b = Of(champion, championWindow, championAccuracy);
        var checks = new List<string>();
        HealthReport Report(HealthVerdict verdict, string reason, double? psi = null) => new(verdict, reason, c, b, psi, checks, from, to);

        var baselined = b.Requests >= thresholds.MinRequests;
        var errorLimit = (baselined ? b.ErrorRate : 0) + thresholds.MaxErrorRateIncrease;
        if (c.Requests < thresholds.MinRequests)
        {
            if (c.Errors > errorLimit * thresholds.MinRequests)
            {
                checks.Add(Text($"errors {c.Errors} in {c.Requests} requests, more than {errorLimit:P1} of the {thresholds.MinRequests} required: failed"));
                return Report(HealthVerdict.Fail, Text($"{c.Errors} of {c.Requests} requests failed, already over the error-rate limit ({errorLimit:P1})."));
            }

            checks.Add(Text($"requests {c.Requests} of {thresholds.MinRequests} required: too few"));
            return Report(HealthVerdict.Inconclusive, Text($"only {c.Requests} of the {thresholds.MinRequests} requests needed reached version {candidate}."));
        }

        var errorCheck = Text($"error rate {c.ErrorRate:P2} vs {(baselined ? b.ErrorRate : 0):P2} (limit {errorLimit:P2})");
        if (c.ErrorRate > errorLimit)
        {
            checks.Add(errorCheck + ": failed");
            return Report(HealthVerdict.Fail, Text($"error rate {c.ErrorRate:P2} is over the limit {errorLimit:P2} ({c.Errors} of {c.Requests} requests)."));
        }

        checks.Add(errorCheck + ": ok");
        var invalid = Rate(c.InvalidOutputs, c.Records);
        var invalidLimit = (baselined ? Rate(b.InvalidOutputs, b.Records) : 0) + thresholds.MaxErrorRateIncrease;
        if (invalid > invalidLimit)
        {
            checks.Add(Text($"invalid outputs {invalid:P2} (limit {invalidLimit:P2}): failed"));
            return Report(HealthVerdict.Fail, Text($"{c.InvalidOutputs} of {c.Records} outputs were NaN, infinite or missing ({invalid:P2}, limit {invalidLimit:P2})."));
        }

        checks.Add(Text($"invalid outputs {invalid:P2} (limit {invalidLimit:P2}): ok"));
        if (!baselined)
        {
            checks.Add(Text($"champion version {champion}: {b.Requests} requests, too few to compare latency, scores or accuracy: skipped"));
            return Report(HealthVerdict.Pass, "every check passed (no champion baseline for latency, scores and accuracy).");
        }

        if (c.LatencyP95Ms is double cp95 && b.LatencyP95Ms is double bp95)
        {
            var limit = Math.Max(bp95 * thresholds.MaxLatencyRatio, bp95 + thresholds.LatencySlackMilliseconds);
            var line = Text($"p95 latency {cp95:0.##} ms vs {bp95:0.##} ms (limit {limit:0.##} ms)");
            checks.Add(line + (cp95 > limit ? ": failed" : ": ok"));
            if (cp95 > limit)
            {
                return Report(HealthVerdict.Fail, Text($"p95 latency {cp95:0.##} ms is over the limit {limit:0.##} ms (champion {bp95:0.##} ms)."));
            }
        }

        double? psi = null;
        if (candidateWindow?.Scores is { } cs && championWindow?.Scores is { } bs && FixedHistogram.SameEdges(cs.Edges, bs.Edges)
            && cs.Count >= thresholds.MinRequests && bs.Count >= thresholds.MinRequests)
        {
            psi = Psi.Compute(bs.Counts, cs.Counts);
            var failed = thresholds.MaxScorePsi > 0 && psi > thresholds.MaxScorePsi;
            checks.Add(Text($"score PSI {psi:0.###} (limit {thresholds.MaxScorePsi:0.###}): {(failed ? "failed" : "ok")}"));
            if (failed)
            {
                return Report(HealthVerdict.Fail, Text($"the score distribution shifted: PSI {psi:0.###} over the limit {thresholds.MaxScorePsi:0.###}."), psi);
            }
        }

        if (c.LabelledSamples >= thresholds.MinLabels && b.LabelledSamples >= thresholds.MinLabels)
        {
            if (c.Accuracy is double ca && b.Accuracy is double ba)
            {
                var failed = ca < ba - thresholds.MaxAccuracyDrop;
                checks.Add(Text($"live accuracy {ca:P1} vs {ba:P1} (limit {ba - thresholds.MaxAccuracyDrop:P1}): {(failed ? "failed" : "ok")}"));
                if (failed)
                {
                    return Report(HealthVerdict.Fail, Text($"live accuracy {ca:P1} is below the champion's {ba:P1} by more than {thresholds.MaxAccuracyDrop:P1}."), psi);
                }
            }
            else if (c.Rmse is double cr && b.Rmse is double br)
            {
                var limit = br * (1 + thresholds.MaxRmseIncrease);
                checks.Add(Text($"live RMSE {cr:0.####} vs {br:0.####} (limit {limit:0.####}): {(cr > limit ? "failed" : "ok")}"));
                if (cr > limit)
                {
                    return Report(HealthVerdict.Fail, Text($"live RMSE {cr:0.####} is over the limit {limit:0.####} (champion {br:0.####})."), psi);
                }
            }
        }
        else
        {
            checks.Add(Text($"live accuracy: {c.LabelledSamples} and {b.LabelledSamples} labelled predictions of {thresholds.MinLabels} needed: skipped"));
        }

        return Report(HealthVerdict.Pass, "every check passed.", psi);
    }

    private static VersionHealth Of(int version, WindowAggregate? window, AccuracyMetrics? accuracy)
    {
        if (window is null)
        {
            return new VersionHealth(version, 0, 0, 0, null, 0, 0, accuracy?.Samples ?? 0, accuracy?.Accuracy, accuracy?.Rmse);
        }

        var errors = window.ErrorCount;
        return new VersionHealth(
            version, window.Requests, errors, Rate(errors, window.Requests), window.Latency.Count > 0 ? window.Latency.Quantile(0.95) : null,
            window.Records, window.InvalidOutputs, accuracy?.Samples ?? 0, accuracy?.Accuracy, accuracy?.Rmse);
    }

    private static double Rate(long part, long whole) => whole <= 0 ? 0 : (double)part / whole;

    private static string Text(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
