using System.ComponentModel.DataAnnotations;

namespace Serverless.Core.Approvals;

/// <summary>Settings of outgoing mail ("Email" configuration section).</summary>
public sealed class EmailOptions
{
    public const string Section = "Email";

    /// <summary>SMTP server; empty sends nothing and logs each message's links instead.</summary>
    public string Host { get; set; } = "";

    [Range(1, 65535)]
    public int Port { get; set; } = 587;

    public EmailSecurity Security { get; set; } = EmailSecurity.Auto;

    /// <summary>SMTP user; empty skips authentication. Azure Communication Services: <c>{acs}.{entra app id}.{tenant id}</c>.</summary>
    public string UserName { get; set; } = "";

    /// <summary>SMTP password; in Azure a Key Vault reference (secret <c>smtp-password</c>).</summary>
    public string Password { get; set; } = "";

    [Required, EmailAddress]
    public string From { get; set; } = "approvals@localhost";

    [Range(typeof(TimeSpan), "00:00:01", "00:05:00")]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);
}
