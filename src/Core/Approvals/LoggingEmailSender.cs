using Microsoft.Extensions.Logging;

namespace Serverless.Core.Approvals;

/// <summary>
/// Stands in for SMTP when no server is configured (<c>Email:Host</c> empty): the message is not sent, and its links
/// are logged at Warning so a developer can still follow them.
/// </summary>
public sealed class LoggingEmailSender(ILogger<LoggingEmailSender> logger) : IEmailSender
{
    public Task SendAsync(EmailMessage message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        logger.MailNotSent(string.Join(", ", message.To), message.Subject, string.Join(" ", message.Links));
        return Task.CompletedTask;
    }
}
