using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using Serverless.Core.Approvals;
using Serverless.Core.Validation;
using Serverless.Core.Serialization;
using Serverless.Testing;
using Serverless.Workflows.Approvals;
using Serverless.Workflows.Hosting;

namespace Serverless.LocalHost.Tests.Approvals;

/// <summary>
/// The approval workflow for real: the local host runs it on DTFx + Azurite, mails through MailKit to the SMTP sink,
/// and the test follows the link in the mail as a person would (GET the page, then POST its form).
/// </summary>
public sealed class ApprovalWorkflowTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>, IAsyncLifetime
{
    private SmtpSink _sink = null!;
    private TestLocalHost _host = null!;

    public async Task InitializeAsync()
    {
        _sink = await SmtpSink.StartAsync();
        _host = new TestLocalHost(azurite,
            ("DurableTaskHubName", AzuriteFixture.UniqueName("approve")),
            ("Approvals:SigningKey", Convert.ToBase64String(Enumerable.Repeat((byte)7, 32).ToArray())),
            ("Approvals:DecisionTable", AzuriteFixture.UniqueName("approvals")),
            ("Approvals:PublicBaseUrl", "http://approvals.test"),
            ("Email:Host", "127.0.0.1"),
            ("Email:Port", _sink.Port.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        await _host.Services.GetRequiredService<TaskHubWorkerService>().Ready.WaitAsync(TimeSpan.FromSeconds(60));
    }

    public async Task DisposeAsync()
    {
        _host.Dispose();
        await _sink.DisposeAsync();
    }

    private DurableTaskClient Client => _host.Services.GetRequiredService<DurableTaskClient>();

    private static ApprovalRequest Request(TimeSpan timeout, params string[] approvers) => new(
        "the rollout of churn v7", approvers, 1, timeout,
        new ApprovalEvidence("churn", 7, 6, [new MetricComparison("auc", 0.91, 0.9)], [new GateResult("no regression", true, "auc 0.91 >= 0.9 - 0.005")],
            new DataSnapshot("training-data/churn.csv", "abc123", 20000), "alice@example.org", "manual retrain"));

    [Fact]
    public async Task ApprovalOrchestrator_ApproveLinkFollowed_CompletesApprovedByThatApprover()
    {
        var id = await Client.ScheduleNewOrchestrationInstanceAsync(nameof(ApprovalOrchestrator), Request(TimeSpan.FromHours(72), "bob@example.org"));
        var mail = Assert.Single(await _sink.WaitForAsync(1));
        Assert.Equal("Approve the rollout of churn v7?", mail.Subject);
        Assert.Contains("auc: 0.91 / 0.9", mail.TextBody);
        var approve = Link(mail, "Approve");

        using var page = await _host.Client.GetAsync(approve);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("<form method=\"post\"", await page.Content.ReadAsStringAsync());
        var waiting = await Client.GetInstanceAsync(id, getInputsAndOutputs: true);
        Assert.Equal(OrchestrationRuntimeStatus.Running, waiting!.RuntimeStatus); // the GET decided nothing

        using var decided = await _host.Client.PostAsync(approve, new FormUrlEncodedContent([new("confirm", "1")]));
        Assert.Equal(HttpStatusCode.OK, decided.StatusCode);
        var done = await Wait(id);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        var result = done.ReadOutputAs<ApprovalResult>()!;
        Assert.Equal(ApprovalOutcome.Approved, result.Outcome);
        Assert.Equal("bob@example.org", Assert.Single(result.Votes).Approver);
        var status = JsonSerializer.Deserialize<ApprovalProgress>(done.SerializedCustomStatus!, JsonDefaults.Options)!;
        Assert.Equal(("the rollout of churn v7", "approved", "bob@example.org"), (status.Stage, status.State, status.DecidedBy.Single().Approver));
        using var replay = await _host.Client.PostAsync(approve, null);
        Assert.Equal(HttpStatusCode.Conflict, replay.StatusCode);
    }

    [Fact]
    public async Task ApprovalOrchestrator_NobodyDecides_OneReminderThenTimedOutAndLinksExpire()
    {
        var id = await Client.ScheduleNewOrchestrationInstanceAsync(nameof(ApprovalOrchestrator), Request(TimeSpan.FromSeconds(6), "bob@example.org"));

        var done = await Wait(id);
        var mails = _sink.Messages();

        Assert.Equal(ApprovalOutcome.TimedOut, done.ReadOutputAs<ApprovalResult>()!.Outcome);
        Assert.Equal(["Approve the rollout of churn v7?", "Reminder: approve the rollout of churn v7?"], mails.Select(m => m.Subject));
        using var late = await _host.Client.PostAsync(Link(mails[1], "Approve"), null);
        Assert.Equal(HttpStatusCode.Gone, late.StatusCode);
    }

    private async Task<OrchestrationMetadata> Wait(string id)
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        return await Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, cts.Token);
    }

    /// <summary>The path of the mail's Approve or Reject link (the host under test answers it in memory).</summary>
    private static string Link(MimeMessage mail, string label)
    {
        var match = Regex.Match(mail.TextBody ?? "", label + @":\s+http://approvals\.test(/api/approvals/\S+)");
        Assert.True(match.Success, $"No {label} link in: {mail.TextBody}");
        return match.Groups[1].Value;
    }
}
