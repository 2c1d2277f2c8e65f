using Microsoft.DurableTask;
using Moq;
using Serverless.Core.Approvals;
using Serverless.Workflows.Approvals;

namespace Serverless.Workflows.Tests.Approvals;

/// <summary>
/// Every branch of <see cref="ApprovalOrchestrator"/> against a strict mock of <see cref="TaskOrchestrationContext"/>:
/// a call the orchestrator makes that is not set up (another timer, an activity) fails the test.
/// </summary>
public class ApprovalOrchestratorTests
{
    private static readonly DateTime Now = new(2026, 12, 1, 12, 0, 0, DateTimeKind.Utc);
    private static readonly TimeSpan Timeout = TimeSpan.FromHours(72);

    private readonly Mock<TaskOrchestrationContext> _context = new(MockBehavior.Strict);
    private readonly TaskCompletionSource _deadline = new();
    private readonly TaskCompletionSource _reminder = new();
    private readonly Queue<Task<ApprovalVote>> _events = new();
    private readonly List<SendApprovalNoticeInput> _notices = [];
    private readonly List<ApprovalProgress> _statuses = [];
    private readonly List<CancellationToken> _timerTokens = [];
    private readonly TaskCompletionSource<string> _cancel = new();
    private int _expired;
    private bool _expireCloses = true;

    public ApprovalOrchestratorTests()
    {
        _context.SetupGet(c => c.CurrentUtcDateTime).Returns(Now);
        _context.SetupGet(c => c.InstanceId).Returns("approval-churn-7");
        _context.Setup(c => c.SetCustomStatus(It.IsAny<object?>())).Callback<object?>(s => _statuses.Add((ApprovalProgress)s!));
        _context.Setup(c => c.CallActivityAsync<string[]>(It.Is<TaskName>(n => n.Name == nameof(SendApprovalNoticeActivity)), It.IsAny<object?>(), It.IsAny<TaskOptions?>()))
            .Callback<TaskName, object?, TaskOptions?>((_, input, _) => _notices.Add((SendApprovalNoticeInput)input!))
            .ReturnsAsync(["alice@example.org", "bob@example.org"]);
        _context.Setup(c => c.CallActivityAsync<bool>(It.Is<TaskName>(n => n.Name == nameof(ExpireApprovalActivity)), "approval-churn-7", It.IsAny<TaskOptions?>()))
            .Callback(() => _expired++).ReturnsAsync(() => _expireCloses);
        _context.Setup(c => c.CreateTimer(Now + Timeout, It.IsAny<CancellationToken>()))
            .Callback<DateTime, CancellationToken>((_, token) => _timerTokens.Add(token)).Returns(_deadline.Task);
        _context.Setup(c => c.CreateTimer(Now + (Timeout / 2), It.IsAny<CancellationToken>()))
            .Callback<DateTime, CancellationToken>((_, token) => _timerTokens.Add(token)).Returns(_reminder.Task);
        _context.Setup(c => c.WaitForExternalEvent<ApprovalVote>(ApprovalEvents.Decision, It.IsAny<CancellationToken>()))
            .Returns(() => _events.Count > 0 ? _events.Dequeue() : new TaskCompletionSource<ApprovalVote>().Task);
        _context.Setup(c => c.WaitForExternalEvent<string>(ApprovalEvents.Cancel, It.IsAny<CancellationToken>())).Returns(_cancel.Task);
    }

    private static ApprovalRequest Request(int required = 1) => new(
        "the rollout of churn v7", ["alice@example.org", "bob@example.org"], required, Timeout,
        new ApprovalEvidence("churn", 7, 6, [], [], null, "ops", "manual"));

    private static ApprovalVote Vote(string approver, ApprovalDecision decision = ApprovalDecision.Approve) =>
        new(approver, decision, new DateTimeOffset(Now.AddMinutes(5)), "10.0.0.1 browser", "n");

    private Task<ApprovalResult> RunAsync(int required = 1) => new ApprovalOrchestrator().RunAsync(_context.Object, Request(required));

    [Fact]
    public async Task RunAsync_Approved_ReturnsApprovedAndCancelsBothTimers()
    {
        _events.Enqueue(Task.FromResult(Vote("alice@example.org")));

        var result = await RunAsync();

        Assert.Equal(ApprovalOutcome.Approved, result.Outcome);
        Assert.Equal("alice@example.org", Assert.Single(result.Votes).Approver);
        Assert.Equal(2, _timerTokens.Count);
        Assert.All(_timerTokens, t => Assert.True(t.IsCancellationRequested));
        var notice = Assert.Single(_notices);
        Assert.False(notice.Reminder);
        Assert.Equal(("approval-churn-7", new DateTimeOffset(Now + Timeout)), (notice.Notice.Instance, notice.Notice.ExpiresAt));
        Assert.Equal(["notifying", "waiting", "approved"], _statuses.Select(s => s.State));
        Assert.Equal("the rollout of churn v7", _statuses[^1].Stage);
        Assert.Equal("alice@example.org", Assert.Single(_statuses[^1].DecidedBy).Approver);
    }

    [Fact]
    public async Task RunAsync_Rejected_ReturnsRejectedNamingWhoRejected()
    {
        _events.Enqueue(Task.FromResult(Vote("bob@example.org", ApprovalDecision.Reject)));

        var result = await RunAsync(required: 2);

        Assert.Equal(ApprovalOutcome.Rejected, result.Outcome);
        Assert.False(result.Approved);
        Assert.Equal(("rejected", 0), (_statuses[^1].State, _statuses[^1].Approvals));
        Assert.Equal(ApprovalDecision.Reject, Assert.Single(_statuses[^1].DecidedBy).Decision);
    }

    [Fact]
    public async Task RunAsync_TwoApprovalsRequired_WaitsForASecondApproverAndIgnoresARepeat()
    {
        _events.Enqueue(Task.FromResult(Vote("alice@example.org")));
        _events.Enqueue(Task.FromResult(Vote("ALICE@example.org")));
        _events.Enqueue(Task.FromResult(Vote("bob@example.org")));

        var result = await RunAsync(required: 2);

        Assert.Equal(ApprovalOutcome.Approved, result.Outcome);
        Assert.Equal(["alice@example.org", "bob@example.org"], result.Votes.Select(v => v.Approver));
        Assert.Contains(_statuses, s => s is { State: "waiting", Approvals: 1, RequiredApprovals: 2 });
        Assert.Equal(2, _statuses[^1].Approvals);
        _context.Verify(c => c.WaitForExternalEvent<ApprovalVote>(ApprovalEvents.Decision, It.IsAny<CancellationToken>()), Times.Exactly(3));
    }

    [Fact]
    public async Task RunAsync_TwoRequiredOneApprovesOneRejects_Rejected()
    {
        _events.Enqueue(Task.FromResult(Vote("alice@example.org")));
        _events.Enqueue(Task.FromResult(Vote("bob@example.org", ApprovalDecision.Reject)));

        var result = await RunAsync(required: 2);

        Assert.Equal(ApprovalOutcome.Rejected, result.Outcome);
        Assert.Equal(2, result.Votes.Count);
    }

    [Fact]
    public async Task RunAsync_NoDecisionByTheDeadline_TimedOutAfterOneReminder()
    {
        _reminder.SetResult();
        var run = RunAsync();
        Assert.False(run.IsCompleted);

        _deadline.SetResult();
        var result = await run;

        Assert.Equal(ApprovalOutcome.TimedOut, result.Outcome);
        Assert.Empty(result.Votes);
        Assert.Equal(1, _expired);
        Assert.Equal([false, true], _notices.Select(n => n.Reminder));
        Assert.Equal(["notifying", "waiting", "reminded", "timedOut"], _statuses.Select(s => s.State));
    }

    [Fact]
    public async Task RunAsync_DecisionRecordedJustBeforeTheDeadline_WaitsForItsEventAndCountsIt()
    {
        var decision = new TaskCompletionSource<ApprovalVote>();
        var grace = new TaskCompletionSource();
        _events.Enqueue(decision.Task);
        _expireCloses = false; // the ledger already holds a decision: the request could not be closed
        _context.Setup(c => c.CreateTimer(Now + TimeSpan.FromMinutes(1), It.IsAny<CancellationToken>())).Returns(grace.Task);
        _reminder.SetResult();
        _deadline.SetResult();
        var run = RunAsync();
        Assert.False(run.IsCompleted);

        decision.SetResult(Vote("alice@example.org"));
        var result = await run;

        Assert.Equal(ApprovalOutcome.Approved, result.Outcome);
        Assert.Equal(1, _expired);
    }

    [Fact]
    public async Task RunAsync_NotClosableAndNoEventWithinTheGrace_TimedOut()
    {
        _expireCloses = false;
        _context.Setup(c => c.CreateTimer(Now + TimeSpan.FromMinutes(1), It.IsAny<CancellationToken>())).Returns(Task.CompletedTask);
        _reminder.SetResult();
        _deadline.SetResult();

        var result = await RunAsync();

        Assert.Equal(ApprovalOutcome.TimedOut, result.Outcome);
        Assert.Equal(1, _expired);
    }

    [Fact]
    public async Task RunAsync_ReminderThenApproval_OneReminderThenApproved()
    {
        var decision = new TaskCompletionSource<ApprovalVote>();
        _events.Enqueue(decision.Task);
        _reminder.SetResult();
        var run = RunAsync();
        Assert.Equal(2, _notices.Count);

        decision.SetResult(Vote("bob@example.org"));
        var result = await run;

        Assert.Equal(ApprovalOutcome.Approved, result.Outcome);
        Assert.Equal([false, true], _notices.Select(n => n.Reminder));
        _context.Verify(c => c.CreateTimer(It.IsAny<DateTime>(), It.IsAny<CancellationToken>()), Times.Exactly(2));
        // The reminder reused the pending event wait: a second waiter would take the next event in its place.
        _context.Verify(c => c.WaitForExternalEvent<ApprovalVote>(ApprovalEvents.Decision, It.IsAny<CancellationToken>()), Times.Once);
    }

    [Fact]
    public async Task RunAsync_NoDecisionYet_WaitsWithoutFinishing()
    {
        var run = RunAsync();
        await Task.Yield();

        Assert.False(run.IsCompleted);
        Assert.Single(_notices);
        Assert.Equal("waiting", _statuses[^1].State);
    }

    [Fact]
    public async Task RunAsync_CancelledByTheRolloutThatAsked_ClosesTheRequestAndEndsCancelled()
    {
        var run = RunAsync();
        await Task.Yield();
        Assert.False(run.IsCompleted);

        _cancel.SetResult("the rollout stopped");
        var result = await run;

        Assert.Equal(ApprovalOutcome.Cancelled, result.Outcome);
        Assert.Equal(1, _expired); // the ledger is closed: the mailed links answer 410
        Assert.Single(_notices); // and no reminder follows
        Assert.All(_timerTokens, t => Assert.True(t.IsCancellationRequested));
        Assert.Equal("cancelled", _statuses[^1].State);
    }
}
