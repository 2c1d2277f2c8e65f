using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Serverless.Core.Approvals;
using Serverless.Testing;

namespace Serverless.Core.Tests.Approvals;

/// <summary>MailKit against a real SMTP server (the npm smtp-server sink on loopback).</summary>
public sealed class SmtpEmailSenderTests : IAsyncLifetime
{
    private SmtpSink _sink = null!;

    public async Task InitializeAsync() => _sink = await SmtpSink.StartAsync();

    public async Task DisposeAsync() => await _sink.DisposeAsync();

    private SmtpEmailSender Sender(int? port = null, string user = "") => new(
        Options.Create(new EmailOptions { Host = "127.0.0.1", Port = port ?? _sink.Port, From = "approvals@example.org", UserName = user, Password = "secret", Timeout = TimeSpan.FromSeconds(10) }),
        NullLogger<SmtpEmailSender>.Instance);

    [Fact]
    public async Task SendAsync_ToTheSink_ArrivesWithBothBodiesAndTheStableMessageId()
    {
        await Sender().SendAsync(new EmailMessage("approval-1.notice.bob", ["bob@example.org"], "Approve churn v7?", "plain text", "<p>html</p>", []));

        var message = Assert.Single(await _sink.WaitForAsync(1));
        Assert.Equal("Approve churn v7?", message.Subject);
        Assert.Equal("bob@example.org", Assert.Single(message.To.Mailboxes).Address);
        Assert.Equal("approvals@example.org", Assert.Single(message.From.Mailboxes).Address);
        Assert.Equal("approval-1.notice.bob@serverless-ml", message.MessageId);
        Assert.Equal("plain text", message.TextBody?.Trim());
        Assert.Equal("<p>html</p>", message.HtmlBody?.Trim());
    }

    [Fact]
    public async Task SendAsync_WithCredentials_AuthenticatesAndSends()
    {
        await Sender(user: "acs.app.tenant").SendAsync(new EmailMessage("m", ["a@example.org"], "s", "t", "<p>h</p>", []));

        Assert.Single(await _sink.WaitForAsync(1));
    }

    [Fact]
    public async Task SendAsync_NoServerOnThePort_Throws()
    {
        var sender = Sender(port: Azurite.FreePort());

        await Assert.ThrowsAnyAsync<Exception>(() => sender.SendAsync(new EmailMessage("m", ["a@example.org"], "s", "t", "<p>h</p>", [])));
    }
}
