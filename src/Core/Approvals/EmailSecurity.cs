namespace Serverless.Core.Approvals;

/// <summary>How the SMTP connection is secured (MailKit's <c>SecureSocketOptions</c>, by name).</summary>
public enum EmailSecurity
{
    /// <summary>STARTTLS when the server offers it, plain otherwise (a local sink).</summary>
    Auto,
    /// <summary>Plain text only.</summary>
    None,
    /// <summary>STARTTLS required (Azure Communication Services on port 587).</summary>
    StartTls,
    /// <summary>TLS from the first byte (port 465).</summary>
    SslOnConnect,
}
