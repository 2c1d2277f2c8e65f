namespace Serverless.Core.Approvals;

/// <summary>Sends mail: <see cref="SmtpEmailSender"/> when an SMTP server is configured, <see cref="LoggingEmailSender"/> otherwise.</summary>
public interface IEmailSender
{
    /// <summary>Sends one message; throws when the server refuses it or cannot be reached (the caller retries).</summary>
    Task SendAsync(EmailMessage message, CancellationToken cancellationToken = default);
}
