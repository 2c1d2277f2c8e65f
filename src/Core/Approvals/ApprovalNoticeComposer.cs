using System.Globalization;
using System.Net;
using System.Text;

namespace Serverless.Core.Approvals;

/// <summary>
/// Writes the approval mail for one approver: the question, the evidence (metrics against the champion, gate
/// results, data snapshot, who asked and why), the deadline, and Approve / Reject links. Text and HTML say the same.
/// </summary>
/// <remarks>Every value from outside (model names, reasons, gate details) is HTML-encoded. Pure; thread-safe.</remarks>
public static class ApprovalNoticeComposer
{
    public static EmailMessage Compose(ApprovalNotice notice, string approver, string approveUrl, string rejectUrl, bool reminder)
    {
        ArgumentNullException.ThrowIfNull(notice);
        var subject = (reminder ? "Reminder: approve " : "Approve ") + notice.Stage + "?";
        var id = $"{notice.Instance}.{(reminder ? "reminder" : "notice")}.{approver}";
        return new EmailMessage(id, [approver], subject, Text(notice, approveUrl, rejectUrl), Html(notice, approveUrl, rejectUrl), [approveUrl, rejectUrl]);
    }

    private static string Text(ApprovalNotice notice, string approveUrl, string rejectUrl)
    {
        var evidence = notice.Evidence;
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"Approve {notice.Stage}?");
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"Asked by {evidence.RequestedBy}: {evidence.Reason}");
        text.AppendLine(CultureInfo.InvariantCulture, $"Candidate: {evidence.Model} v{evidence.CandidateVersion}; champion: {Champion(evidence)}");
        text.AppendLine();
        text.AppendLine("Metrics (candidate / champion as compared / champion as stored):");
        foreach (var metric in evidence.Metrics)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"  {metric.Name}: {Number(metric.Candidate)} / {Number(metric.Champion)} / {Number(metric.ChampionStored)}");
        }

        if (evidence.ComparedWith is { } compared)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"The no-regression gate compared with {compared}.");
        }

        text.AppendLine("Validation gates:");
        foreach (var gate in evidence.Gates)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"  [{(gate.Passed ? "pass" : "FAIL")}] {gate.Name}: {gate.Detail}");
        }

        text.AppendLine(CultureInfo.InvariantCulture, $"Data: {Data(evidence.Data)}");
        if (evidence.ReportUrl is { } report)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"Full report: {report}");
        }

        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"{Rule(notice)} Links expire {notice.ExpiresAt:u}; no decision by then counts as a rejection.");
        text.AppendLine(CultureInfo.InvariantCulture, $"Approve: {approveUrl}");
        text.AppendLine(CultureInfo.InvariantCulture, $"Reject:  {rejectUrl}");
        text.AppendLine("Each link opens a confirmation page; nothing is decided until you confirm there.");
        return text.ToString();
    }

    private static string Html(ApprovalNotice notice, string approveUrl, string rejectUrl)
    {
        var evidence = notice.Evidence;
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html><html><body style=\"font-family:sans-serif\">");
        html.Append(CultureInfo.InvariantCulture, $"<h2>Approve {E(notice.Stage)}?</h2>");
        html.Append(CultureInfo.InvariantCulture, $"<p>Asked by <b>{E(evidence.RequestedBy)}</b>: {E(evidence.Reason)}</p>");
        html.Append(CultureInfo.InvariantCulture, $"<p>Candidate <b>{E(evidence.Model)} v{evidence.CandidateVersion}</b>; champion {E(Champion(evidence))}.</p>");
        html.Append("<table border=\"1\" cellpadding=\"4\" style=\"border-collapse:collapse\"><tr><th>metric</th><th>candidate</th>");
        html.Append("<th>champion as compared</th><th>champion as stored</th></tr>");
        foreach (var metric in evidence.Metrics)
        {
            html.Append(CultureInfo.InvariantCulture,
                $"<tr><td>{E(metric.Name)}</td><td>{Number(metric.Candidate)}</td><td>{Number(metric.Champion)}</td><td>{Number(metric.ChampionStored)}</td></tr>");
        }

        html.Append("</table>");
        if (evidence.ComparedWith is { } compared)
        {
            html.Append(CultureInfo.InvariantCulture, $"<p>The no-regression gate compared with {E(compared)}.</p>");
        }

        html.Append("<h3>Validation gates</h3><ul>");
        foreach (var gate in evidence.Gates)
        {
            html.Append(CultureInfo.InvariantCulture, $"<li>{(gate.Passed ? "&#10004; pass" : "&#10008; FAIL")} <b>{E(gate.Name)}</b>: {E(gate.Detail)}</li>");
        }

        html.Append(CultureInfo.InvariantCulture, $"</ul><p>Data: {E(Data(evidence.Data))}</p>");
        if (evidence.ReportUrl is { } report)
        {
            html.Append(CultureInfo.InvariantCulture, $"<p><a href=\"{E(report)}\">Full validation report</a></p>");
        }

        html.Append(CultureInfo.InvariantCulture, $"<p>{E(Rule(notice))} Links expire {notice.ExpiresAt:u}; no decision by then counts as a rejection.</p>");
        html.Append(CultureInfo.InvariantCulture, $"<p><a href=\"{E(approveUrl)}\">Approve</a> &nbsp; <a href=\"{E(rejectUrl)}\">Reject</a></p>");
        html.Append("<p style=\"color:#666\">Each link opens a confirmation page; nothing is decided until you confirm there.</p></body></html>");
        return html.ToString();
    }

    private static string Rule(ApprovalNotice notice) =>
        notice.RequiredApprovals == 1 ? "One approval decides." : $"{notice.RequiredApprovals} approvals are needed; one rejection decides.";

    private static string Champion(ApprovalEvidence evidence) => evidence.ChampionVersion is { } v ? $"v{v}" : "none (first version)";

    private static string Data(DataSnapshot? data) =>
        data is null ? "not recorded" : string.Create(CultureInfo.InvariantCulture, $"{data.Uri}, {data.Rows} rows, SHA-256 {data.Sha256}");

    private static string Number(double? value) => value is { } v ? v.ToString("0.####", CultureInfo.InvariantCulture) : "-";

    private static string E(string value) => WebUtility.HtmlEncode(value);
}
