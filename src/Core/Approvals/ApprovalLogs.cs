using Microsoft.Extensions.Logging;

namespace Serverless.Core.Approvals;

/// <summary>Log messages of approvals and mail.</summary>
internal static partial class ApprovalLogs
{
    [LoggerMessage(1, LogLevel.Information, "Mail to {To} '{Subject}' accepted by {Host}.")]
    public static partial void MailSent(this ILogger logger, string to, string subject, string host);

    [LoggerMessage(2, LogLevel.Warning, "No SMTP server configured (Email:Host): mail to {To} '{Subject}' not sent. Its links: {Links}")]
    public static partial void MailNotSent(this ILogger logger, string to, string subject, string links);

    [LoggerMessage(3, LogLevel.Information, "Approval request {Instance}: notice sent to {Approvers} (reminder: {Reminder}).")]
    public static partial void NoticeSent(this ILogger logger, string instance, string approvers, bool reminder);
}
