using System.Globalization;
using System.Net;
using System.Text;

namespace Serverless.Core.Validation;

/// <summary>Renders a <see cref="ValidationReport"/> for people: verdict, gates, metrics against the champion (on this holdout and as stored, and which one the gate used), policy.</summary>
/// <remarks>Every value is HTML-encoded. Pure; thread-safe.</remarks>
public static class ValidationReportHtml
{
    public static string Render(ValidationReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var c = CultureInfo.InvariantCulture;
        var html = new StringBuilder("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>");
        html.Append(c, $"{E(report.Model)} v{report.Version}: validation</title></head><body style=\"font-family:sans-serif\">");
        html.Append(c, $"<h2>{E(report.Model)} v{report.Version}: {(report.Passed ? "passed" : "FAILED")} validation</h2>");
        html.Append(c, $"<p>Against champion {(report.ChampionVersion is { } v ? "v" + v.ToString(c) : "none")}, evaluated {report.EvaluatedAt:u}.</p>");
        html.Append("<h3>Gates</h3><table border=\"1\" cellpadding=\"4\" style=\"border-collapse:collapse\"><tr><th>gate</th><th>result</th><th>detail</th></tr>");
        foreach (var gate in report.Gates)
        {
            html.Append(c, $"<tr><td>{E(gate.Name)}</td><td>{(gate.Passed ? "pass" : "<b>FAIL</b>")}</td><td>{E(gate.Detail)}</td></tr>");
        }

        html.Append(c, $"</table><h3>Metrics</h3><p>The no-regression gate compared with {E(report.ComparedWith)}.</p>");
        html.Append("<table border=\"1\" cellpadding=\"4\" style=\"border-collapse:collapse\"><tr><th>metric</th><th>candidate</th>");
        html.Append("<th>champion on this holdout</th><th>champion as stored</th></tr>");
        var onHoldout = report.ChampionBasis == ChampionBasis.Holdout;
        foreach (var metric in report.Metrics)
        {
            html.Append(c, $"<tr><td>{E(metric.Name)}</td><td>{N(metric.Candidate)}</td><td>{(onHoldout ? N(metric.Champion) : "-")}</td><td>{N(metric.ChampionStored)}</td></tr>");
        }

        var policy = report.Policy;
        html.Append(c, $"</table><h3>Policy</h3><p>minimums {E(Pairs(policy.Minimums))}; maximums {E(Pairs(policy.Maximums))}; ");
        html.Append(c, $"regression tolerance {policy.Tolerance.ToString("0.####", c)}; latency budget {policy.LatencyBudget.TotalMilliseconds.ToString("0.###", c)} ms; ");
        html.Append(c, $"minimum score spread {policy.MinScoreSpread.ToString("0.####", c)}.</p></body></html>");
        return html.ToString();
    }

    private static string Pairs(Dictionary<string, double> values) =>
        values.Count == 0 ? "none" : string.Join(", ", values.Select(v => $"{v.Key} {v.Value.ToString("0.####", CultureInfo.InvariantCulture)}"));

    private static string N(double? value) => value?.ToString("0.####", CultureInfo.InvariantCulture) ?? "-";

    private static string E(string value) => WebUtility.HtmlEncode(value);
}
