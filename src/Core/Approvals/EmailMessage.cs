namespace Serverless.Core.Approvals;

/// <summary>A mail to send: plain text and HTML alternatives of the same content.</summary>
/// <param name="Id">A stable id (becomes the Message-ID), so a resend by a rerun activity can be recognised by mail clients.</param>
/// <param name="Links">The actionable links in the body, logged when no SMTP server is configured.</param>
public sealed record EmailMessage(string Id, IReadOnlyList<string> To, string Subject, string TextBody, string HtmlBody, IReadOnlyList<string> Links);
