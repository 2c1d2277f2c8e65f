using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Serverless.Core.Approvals;
using Serverless.Testing;
using Serverless.Workflows.Hosting;

namespace Serverless.LocalHost.Tests.Approvals;

/// <summary>Approval links over real HTTP on the local host, with the ledger on Azurite.</summary>
public sealed class ApprovalApiTests : IClassFixture<AzuriteFixture>, IDisposable
{
    private readonly TestLocalHost _host;
    private readonly ApprovalTokenSigner _signer;
    private readonly ApprovalLedger _ledger;

    public ApprovalApiTests(AzuriteFixture azurite)
    {
        _host = new TestLocalHost(azurite,
            ("Approvals:SigningKey", Convert.ToBase64String(Enumerable.Repeat((byte)42, 32).ToArray())),
            ("Approvals:DecisionTable", AzuriteFixture.UniqueName("approvals")),
            ("DurableTaskHubName", AzuriteFixture.UniqueName("links")));
        // The POSTs raise events through the host's engine; a host stopped while its worker is still starting races DTFx.
        _host.Services.GetRequiredService<TaskHubWorkerService>().Ready.Wait(TimeSpan.FromSeconds(60));
        _signer = _host.Services.GetRequiredService<ApprovalTokenSigner>();
        _ledger = _host.Services.GetRequiredService<ApprovalLedger>();
    }

    private async Task<string> OpenAsync(string instance, int required = 1)
    {
        await _ledger.OpenAsync(new ApprovalRequestState(instance, "the rollout of churn v7", required,
            ["alice@example.org", "bob@example.org"], DateTimeOffset.UtcNow.AddHours(1), ApprovalStatus.Pending, []));
        return instance;
    }

    private string Link(string instance, string approver = "alice@example.org", ApprovalDecision decision = ApprovalDecision.Approve, TimeSpan? expiresIn = null) =>
        "/api/approvals/" + _signer.Create(new ApprovalClaims(instance, decision, approver, DateTimeOffset.UtcNow + (expiresIn ?? TimeSpan.FromHours(1)), Guid.NewGuid().ToString("N")));

    [Fact]
    public async Task Get_ValidLink_ConfirmationPageThatChangesNothing()
    {
        var instance = await OpenAsync("approval-get");
        var link = Link(instance);

        using var first = await _host.Client.GetAsync(link);
        using var second = await _host.Client.GetAsync(link); // a mail scanner, then the person

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal("text/html", first.Content.Headers.ContentType!.MediaType);
        var page = await first.Content.ReadAsStringAsync();
        Assert.Contains("Approve the rollout of churn v7?", page);
        Assert.Contains("<form method=\"post\" action=\"\">", page);
        Assert.Contains("alice@example.org", page);
        Assert.Equal("no-store", first.Headers.CacheControl!.ToString());
        Assert.Equal("DENY", first.Headers.GetValues("X-Frame-Options").Single());
        Assert.Equal("no-referrer", first.Headers.GetValues("Referrer-Policy").Single());
        Assert.Empty((await _ledger.GetAsync(instance))!.Votes);
    }

    [Fact]
    public async Task Post_ValidLink_RecordsDeliversAndAnswersThePage()
    {
        var instance = await OpenAsync("approval-post");
        using var request = new HttpRequestMessage(HttpMethod.Post, Link(instance)) { Content = new FormUrlEncodedContent([new("confirm", "1")]) };
        request.Headers.UserAgent.ParseAdd("approval-test/1.0");

        using var response = await _host.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Recorded: approved by alice@example.org", await response.Content.ReadAsStringAsync());
        var state = (await _ledger.GetAsync(instance))!;
        var vote = Assert.Single(state.Votes);
        Assert.Equal(ApprovalStatus.Approved, state.Status);
        Assert.True(vote.Delivered);
        Assert.Contains("approval-test/1.0", vote.From);
    }

    [Fact]
    public async Task Post_SecondDecision_409NamingWhatWasDecidedAndByWhom()
    {
        var instance = await OpenAsync("approval-twice");
        (await _host.Client.PostAsync(Link(instance), null)).EnsureSuccessStatusCode();

        using var replay = await _host.Client.PostAsync(Link(instance, decision: ApprovalDecision.Reject), null);
        using var other = await _host.Client.PostAsync(Link(instance, "bob@example.org", ApprovalDecision.Reject), null);
        using var page = await _host.Client.GetAsync(Link(instance, "bob@example.org"));

        Assert.Equal(HttpStatusCode.Conflict, replay.StatusCode);
        Assert.Contains("alice@example.org already decided this request: approved", await Error(replay));
        Assert.Equal(HttpStatusCode.Conflict, other.StatusCode);
        Assert.Equal("This request is already decided: approved by alice@example.org.", await Error(other));
        Assert.Equal(HttpStatusCode.Conflict, page.StatusCode);
        Assert.Single((await _ledger.GetAsync(instance))!.Votes);
    }

    [Fact]
    public async Task GetAndPost_TamperedLink_403AndNothingChanged()
    {
        var instance = await OpenAsync("approval-tampered");
        var link = Link(instance, decision: ApprovalDecision.Reject);
        var tampered = link[..^3] + (link[^3] == 'x' ? 'y' : 'x') + link[^2..];

        using var get = await _host.Client.GetAsync(tampered);
        using var post = await _host.Client.PostAsync(tampered, null);
        using var garbage = await _host.Client.PostAsync("/api/approvals/not-a-token", null);

        Assert.Equal(HttpStatusCode.Forbidden, get.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, post.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, garbage.StatusCode);
        Assert.Contains("not valid", await Error(post));
        Assert.Empty((await _ledger.GetAsync(instance))!.Votes);
    }

    [Fact]
    public async Task GetAndPost_ExpiredLink_410AndNothingChanged()
    {
        var instance = await OpenAsync("approval-expired");
        var link = Link(instance, expiresIn: TimeSpan.FromSeconds(-1));

        using var get = await _host.Client.GetAsync(link);
        using var post = await _host.Client.PostAsync(link, null);

        Assert.Equal(HttpStatusCode.Gone, get.StatusCode);
        Assert.Equal(HttpStatusCode.Gone, post.StatusCode);
        Assert.Contains("expired", await Error(post));
        Assert.Empty((await _ledger.GetAsync(instance))!.Votes);
    }

    [Fact]
    public async Task Post_GenuineLinkForNoRequest_404()
    {
        using var response = await _host.Client.PostAsync(Link("approval-never-opened"), null);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("No such approval request.", await Error(response));
    }

    private static async Task<string> Error(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("error").GetString()!;

    public void Dispose() => _host.Dispose();
}
