using System.Net;
using Microsoft.AspNetCore.Http;
using Serverless.Core.Approvals;

namespace Serverless.Api.Approvals;

/// <summary>The HTML pages of approval links: the confirmation form (GET) and the recorded decision (POST).</summary>
/// <remarks>
/// Every response forbids caching, framing (a confirm button must not be clickjacked) and sending the token on as a
/// referrer; values from the request are HTML-encoded.
/// </remarks>
internal static class ApprovalPage
{
    public static IResult Confirm(HttpResponse response, ApprovalRequestState request, ApprovalClaims claims)
    {
        var verb = claims.Decision == ApprovalDecision.Approve ? "Approve" : "Reject";
        return Page(response, $"{verb} {request.Subject}?",
            $"<p>You are <b>{E(claims.Approver)}</b>. This request is {E(request.Describe())}; the link expires {claims.ExpiresAt:u}.</p>" +
            // An empty action posts back to this same URL, token included; GET itself never decides (mail scanners fetch links).
            $"<form method=\"post\" action=\"\"><button type=\"submit\" name=\"confirm\" value=\"1\">{verb}</button></form>");
    }

    public static IResult Recorded(HttpResponse response, ApprovalDecideResult result) =>
        Page(response, "Decision recorded", $"<p>{E(result.Explain())} The request is {E(result.State!.Describe())}.</p>");

    /// <summary>Sets the protective headers on any approval response, pages and errors alike.</summary>
    public static void Protect(HttpResponse response)
    {
        response.Headers.CacheControl = "no-store";
        response.Headers["Referrer-Policy"] = "no-referrer";
        response.Headers["X-Frame-Options"] = "DENY";
        response.Headers.ContentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'";
    }

    private static IResult Page(HttpResponse response, string title, string body)
    {
        Protect(response);
        return TypedResults.Content(
            $"<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>{E(title)}</title></head>" +
            $"<body style=\"font-family:sans-serif\"><h2>{E(title)}</h2>{body}</body></html>",
            "text/html; charset=utf-8");
    }

    private static string E(string value) => WebUtility.HtmlEncode(value);
}
