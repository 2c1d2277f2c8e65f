using Azure.Data.Tables;
using Microsoft.Extensions.Options;
using Serverless.Core.Approvals;
using Serverless.Testing;

namespace Serverless.Core.Tests.Approvals;

/// <summary>The decision ledger on real Azurite Table Storage.</summary>
public class ApprovalLedgerTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);

    private ApprovalLedger NewLedger() =>
        new(new TableServiceClient(azurite.ConnectionString), Options.Create(new ApprovalOptions { DecisionTable = AzuriteFixture.UniqueName("approvals") }));

    private static ApprovalRequestState Request(string instance, int required = 1) =>
        new(instance, "churn v7: start the rollout", required, ["alice@example.org", "bob@example.org", "carol@example.org"],
            Now.AddHours(72), ApprovalStatus.Pending, []);

    private static ApprovalClaims Link(string instance, string approver, ApprovalDecision decision = ApprovalDecision.Approve, string nonce = "n1") =>
        new(instance, decision, approver, Now.AddHours(72), nonce);

    [Fact]
    public async Task OpenAsync_Twice_KeepsTheFirstRequest()
    {
        var ledger = NewLedger();
        await ledger.OpenAsync(Request("i1", required: 2));
        await ledger.DecideAsync(Link("i1", "alice@example.org"), "127.0.0.1", Now);

        var again = await ledger.OpenAsync(Request("i1", required: 1));

        Assert.Equal(2, again.RequiredApprovals);
        Assert.Single(again.Votes);
    }

    [Fact]
    public async Task DecideAsync_OneApprovalRequired_RecordsAndApproves()
    {
        var ledger = NewLedger();
        await ledger.OpenAsync(Request("i1"));

        var result = await ledger.DecideAsync(Link("i1", "alice@example.org"), "127.0.0.1 curl", Now);

        Assert.Equal(ApprovalDecideStatus.Recorded, result.Status);
        Assert.Equal(ApprovalStatus.Approved, result.State!.Status);
        var stored = await ledger.GetAsync("i1");
        var vote = Assert.Single(stored!.Votes);
        Assert.Equal(("alice@example.org", ApprovalDecision.Approve, Now, "127.0.0.1 curl"), (vote.Approver, vote.Decision, vote.DecidedAt, vote.From));
    }

    [Fact]
    public async Task DecideAsync_SameApproverAgain_AlreadyDecidedNamingTheEarlierDecision()
    {
        var ledger = NewLedger();
        await ledger.OpenAsync(Request("i1", required: 2));
        await ledger.DecideAsync(Link("i1", "alice@example.org"), "x", Now);
        await ledger.MarkDeliveredAsync("i1", "alice@example.org");

        var again = await ledger.DecideAsync(Link("i1", "ALICE@example.org", ApprovalDecision.Reject, "n2"), "x", Now.AddMinutes(1));

        Assert.Equal(ApprovalDecideStatus.AlreadyDecided, again.Status);
        Assert.Contains("alice@example.org already decided this request: approved", again.Explain());
        Assert.Equal(ApprovalStatus.Pending, (await ledger.GetAsync("i1"))!.Status);
    }

    [Fact]
    public async Task DecideAsync_SameLinkRetriedBeforeDelivery_RecordedAgainWithoutASecondVote()
    {
        var ledger = NewLedger();
        await ledger.OpenAsync(Request("i1", required: 2));
        await ledger.DecideAsync(Link("i1", "alice@example.org"), "x", Now);

        var retry = await ledger.DecideAsync(Link("i1", "alice@example.org"), "x", Now.AddSeconds(5));
        await ledger.MarkDeliveredAsync("i1", "alice@example.org");
        var afterDelivery = await ledger.DecideAsync(Link("i1", "alice@example.org"), "x", Now.AddSeconds(9));

        Assert.Equal(ApprovalDecideStatus.Recorded, retry.Status);
        Assert.Equal(Now, retry.Vote!.DecidedAt);
        Assert.Equal(ApprovalDecideStatus.AlreadyDecided, afterDelivery.Status);
        Assert.True(Assert.Single((await ledger.GetAsync("i1"))!.Votes).Delivered);
    }

    [Fact]
    public async Task DecideAsync_TwoApprovalsRequired_PendingAfterOneApprovedAfterTwo()
    {
        var ledger = NewLedger();
        await ledger.OpenAsync(Request("i1", required: 2));

        var first = await ledger.DecideAsync(Link("i1", "alice@example.org"), "x", Now);
        var second = await ledger.DecideAsync(Link("i1", "bob@example.org"), "x", Now);
        var third = await ledger.DecideAsync(Link("i1", "carol@example.org", ApprovalDecision.Reject), "x", Now);

        Assert.Equal(ApprovalStatus.Pending, first.State!.Status);
        Assert.Equal(ApprovalStatus.Approved, second.State!.Status);
        Assert.Equal(ApprovalDecideStatus.AlreadyDecided, third.Status);
        Assert.Equal("This request is already decided: approved by alice@example.org, bob@example.org.", third.Explain());
    }

    [Fact]
    public async Task DecideAsync_Rejection_DecidesAtOnce()
    {
        var ledger = NewLedger();
        await ledger.OpenAsync(Request("i1", required: 2));
        await ledger.DecideAsync(Link("i1", "alice@example.org"), "x", Now);

        var rejected = await ledger.DecideAsync(Link("i1", "bob@example.org", ApprovalDecision.Reject), "x", Now);
        var late = await ledger.DecideAsync(Link("i1", "carol@example.org"), "x", Now);

        Assert.Equal(ApprovalStatus.Rejected, rejected.State!.Status);
        Assert.Contains("rejected by bob@example.org", late.Explain());
    }

    [Fact]
    public async Task DecideAsync_ConcurrentDecisionsOneRequired_ExactlyOneRecorded()
    {
        var ledger = NewLedger();
        await ledger.OpenAsync(Request("i1"));
        string[] approvers = ["alice@example.org", "bob@example.org", "carol@example.org"];

        var results = await Task.WhenAll(approvers.Select(a => Task.Run(() => ledger.DecideAsync(Link("i1", a), "x", Now))));

        Assert.Single(results, r => r.Status == ApprovalDecideStatus.Recorded);
        Assert.Equal(2, results.Count(r => r.Status == ApprovalDecideStatus.AlreadyDecided));
        Assert.Single((await ledger.GetAsync("i1"))!.Votes);
    }

    [Fact]
    public async Task ExpireAsync_Pending_ClosesSoLaterDecisionsAreExpired()
    {
        var ledger = NewLedger();
        await ledger.OpenAsync(Request("i1"));

        var closed = await ledger.ExpireAsync("i1");
        var again = await ledger.ExpireAsync("i1");
        var late = await ledger.DecideAsync(Link("i1", "alice@example.org"), "x", Now);

        Assert.True(closed);
        Assert.True(again);
        Assert.Equal(ApprovalDecideStatus.Expired, late.Status);
        Assert.Equal(ApprovalStatus.TimedOut, (await ledger.GetAsync("i1"))!.Status);
    }

    [Fact]
    public async Task ExpireAsync_AlreadyDecided_LeavesTheDecisionAndAnswersFalse()
    {
        var ledger = NewLedger();
        await ledger.OpenAsync(Request("i1"));
        await ledger.DecideAsync(Link("i1", "alice@example.org"), "x", Now);

        Assert.False(await ledger.ExpireAsync("i1"));
        Assert.False(await ledger.ExpireAsync("unknown"));
        Assert.Equal(ApprovalStatus.Approved, (await ledger.GetAsync("i1"))!.Status);
    }

    [Theory]
    [InlineData("unknown")]
    [InlineData("a/b")]
    [InlineData("a#b")]
    public async Task DecideAsync_NoSuchRequest_UnknownRequest(string instance)
    {
        var ledger = NewLedger();

        var result = await ledger.DecideAsync(Link(instance, "alice@example.org"), "x", Now);

        Assert.Equal(ApprovalDecideStatus.UnknownRequest, result.Status);
        Assert.Null(await ledger.GetAsync(instance));
    }

    [Fact]
    public async Task OpenAsync_InstanceWithASlash_Refused()
    {
        await Assert.ThrowsAsync<ArgumentException>(() => NewLedger().OpenAsync(Request("a/b")));
    }
}
