using Azure.Data.Tables;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using MimeKit;
using Serverless.Core.Approvals;
using Serverless.Core.Validation;
using Serverless.Testing;

namespace Serverless.Core.Tests.Approvals;

/// <summary>The approval notice end to end: ledger on Azurite, tokens, MailKit to the real SMTP sink.</summary>
public sealed class ApprovalNotifierTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>, IAsyncLifetime
{
    private static readonly DateTimeOffset Deadline = DateTimeOffset.UtcNow.AddHours(72);
    private SmtpSink _sink = null!;
    private ApprovalLedger _ledger = null!;
    private ApprovalTokenSigner _signer = null!;
    private ApprovalNotifier _notifier = null!;

    public async Task InitializeAsync()
    {
        _sink = await SmtpSink.StartAsync();
        var options = Options.Create(new ApprovalOptions
        {
            DecisionTable = AzuriteFixture.UniqueName("approvals"),
            SigningKey = Convert.ToBase64String(new byte[32]),
            PublicBaseUrl = "http://127.0.0.1:7071/",
        });
        _ledger = new ApprovalLedger(new TableServiceClient(azurite.ConnectionString), options);
        _signer = new ApprovalTokenSigner(new ApprovalSigningKey(options), TimeProvider.System);
        var sender = new SmtpEmailSender(Options.Create(new EmailOptions { Host = "127.0.0.1", Port = _sink.Port }), NullLogger<SmtpEmailSender>.Instance);
        _notifier = new ApprovalNotifier(_ledger, _signer, sender, options, NullLogger<ApprovalNotifier>.Instance);
    }

    public async Task DisposeAsync() => await _sink.DisposeAsync();

    private static ApprovalNotice Notice(string instance, int required = 1) => new(
        instance, "the rollout of churn v7", ["alice@example.org", "bob@example.org"], required, Deadline,
        new ApprovalEvidence(
            "churn", 7, 6,
            [new MetricComparison("auc", 0.9123, 0.9011, 0.93), new MetricComparison("logLoss", 0.31, null)],
            [new GateResult("no regression", true, "auc 0.9123 >= 0.9011 - 0.005"), new GateResult("latency <script>", true, "p95 0.8 ms <= 50 ms")],
            new DataSnapshot("training-data/churn/2026-12-01.csv", "ab12cd", 20000),
            "drift monitor", "PSI 0.31 on tenure_months", ComparedWith: "champion v6 re-scored on this candidate's holdout (4000 rows)"));

    [Fact]
    public async Task SendAsync_TwoApprovers_EachGetsTheEvidenceAndTheirOwnSignedLinks()
    {
        var sent = await _notifier.SendAsync(Notice("approval-churn-7"), reminder: false);

        Assert.Equal(["alice@example.org", "bob@example.org"], sent);
        var messages = await _sink.WaitForAsync(2);
        foreach (var (message, approver) in messages.OrderBy(m => m.To.ToString()).Zip(sent))
        {
            Assert.Equal("Approve the rollout of churn v7?", message.Subject);
            Assert.Contains("Asked by drift monitor: PSI 0.31 on tenure_months", message.TextBody);
            Assert.Contains("auc: 0.9123 / 0.9011 / 0.93", message.TextBody); // candidate / champion on this holdout / champion as stored
            Assert.Contains("logLoss: 0.31 / - / -", message.TextBody);
            Assert.Contains("The no-regression gate compared with champion v6 re-scored on this candidate's holdout (4000 rows).", message.TextBody);
            Assert.Contains("<td>0.9011</td><td>0.93</td>", message.HtmlBody);
            Assert.Contains("[pass] no regression: auc 0.9123 >= 0.9011 - 0.005", message.TextBody);
            Assert.Contains("20000 rows, SHA-256 ab12cd", message.TextBody);
            Assert.Contains("latency &lt;script&gt;", message.HtmlBody);
            Assert.DoesNotContain("<script>", message.HtmlBody);
            var (approve, reject) = Links(message);
            Assert.Equal(new ApprovalClaims("approval-churn-7", ApprovalDecision.Approve, approver, DateTimeOffset.FromUnixTimeSeconds(Deadline.ToUnixTimeSeconds()), approve.Claims!.Nonce), approve.Claims);
            Assert.Equal(ApprovalDecision.Reject, reject.Claims!.Decision);
            Assert.Equal(approver, reject.Claims.Approver);
        }

        var request = await _ledger.GetAsync("approval-churn-7");
        Assert.Equal((ApprovalStatus.Pending, 1, "the rollout of churn v7"), (request!.Status, request.RequiredApprovals, request.Subject));
    }

    [Fact]
    public async Task SendAsync_Reminder_GoesOnlyToApproversWhoHaveNotDecided()
    {
        await _notifier.SendAsync(Notice("approval-churn-8", required: 2), reminder: false);
        var alice = (await _sink.WaitForAsync(2)).Single(m => m.To.ToString().Contains("alice", StringComparison.Ordinal));
        await _ledger.DecideAsync(Links(alice).Approve.Claims!, "test", DateTimeOffset.UtcNow);

        var sent = await _notifier.SendAsync(Notice("approval-churn-8", required: 2), reminder: true);

        Assert.Equal(["bob@example.org"], sent);
        var reminder = (await _sink.WaitForAsync(3))[2];
        Assert.Equal("Reminder: approve the rollout of churn v7?", reminder.Subject);
        Assert.Equal("bob@example.org", reminder.To.Mailboxes.Single().Address);
    }

    [Fact]
    public async Task SendAsync_RequestAlreadyDecided_SendsNothing()
    {
        await _notifier.SendAsync(Notice("approval-churn-9"), reminder: false);
        var first = (await _sink.WaitForAsync(2))[0];
        await _ledger.DecideAsync(Links(first).Reject.Claims!, "test", DateTimeOffset.UtcNow);

        var sent = await _notifier.SendAsync(Notice("approval-churn-9"), reminder: true);

        Assert.Empty(sent);
        await Task.Delay(500);
        Assert.Equal(2, _sink.Messages().Count);
    }

    private (ApprovalTokenCheck Approve, ApprovalTokenCheck Reject) Links(MimeMessage message)
    {
        var links = System.Text.RegularExpressions.Regex.Matches(message.TextBody ?? "", @"http://127\.0\.0\.1:7071/api/approvals/(\S+)").Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(2, links.Count);
        var checks = links.Select(l => _signer.Check(Uri.UnescapeDataString(l))).ToList();
        Assert.All(checks, c => Assert.Equal(ApprovalTokenStatus.Valid, c.Status));
        return (checks.Single(c => c.Claims!.Decision == ApprovalDecision.Approve), checks.Single(c => c.Claims!.Decision == ApprovalDecision.Reject));
    }
}
