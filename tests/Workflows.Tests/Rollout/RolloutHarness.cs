using Microsoft.DurableTask;
using Moq;
using Serverless.Core.Approvals;
using Serverless.Core.Models;
using Serverless.Core.Rollout;
using Serverless.Core.Rollout.Health;
using Serverless.Core.Rollout.Plans;
using Serverless.Workflows.Approvals;
using Serverless.Workflows.Rollout;

namespace Serverless.Workflows.Tests.Rollout;

/// <summary>
/// A strict mock of <see cref="TaskOrchestrationContext"/> for <see cref="RolloutOrchestrator"/>: every call it makes must be
/// set up here, and each one is written to <see cref="Calls"/> in order (<c>weights canary 5</c>, <c>analyse</c>, ...).
/// </summary>
internal sealed class RolloutHarness
{
    public const string Instance = "rollout-churn";
    public static readonly DateTime Start = new(2026, 12, 1, 12, 0, 0, DateTimeKind.Utc);

    private readonly Mock<TaskOrchestrationContext> _context = new(MockBehavior.Strict);
    private DateTime _now = Start;

    /// <summary>A model's approval policy as <see cref="ApprovalOptions.PolicyFor"/> would resolve it.</summary>
    public static ApprovalPolicy Policy(string approvers, string steps = "", bool start = false, int required = 1) =>
        new(approvers.Split(','), required, TimeSpan.FromHours(72), start, ApprovalOptions.TryParseSteps(steps, out var parsed) ? parsed : throw new ArgumentException(steps), "test");

    public RolloutHarness(RolloutPlanSettings? plan = null, int? champion = 6, ApprovalPolicy? approval = null)
    {
        var (built, error) = RolloutPlanner.Build(plan ?? new RolloutPlanSettings { Bake = TimeSpan.FromMinutes(10) }, "test", approval ?? ApprovalPolicy.None);
        Assert.Null(error);
        PlanResult = new RolloutStart(built, champion, null);

        _context.SetupGet(c => c.CurrentUtcDateTime).Returns(() => _now);
        _context.SetupGet(c => c.InstanceId).Returns(Instance);
        _context.Setup(c => c.SetCustomStatus(It.IsAny<object?>())).Callback<object?>(s => Statuses.Add((RolloutProgress)s!));
        _context.Setup(c => c.CallActivityAsync<RolloutStart>(Named(nameof(PlanRolloutActivity)), It.IsAny<object?>(), It.IsAny<TaskOptions?>()))
            .Callback(() => Calls.Add("plan")).ReturnsAsync(() => PlanResult);
        _context.Setup(c => c.CallActivityAsync<RolloutChange>(Named(nameof(SetRolloutWeightActivity)), It.IsAny<object?>(), It.IsAny<TaskOptions?>()))
            .Returns<TaskName, object?, TaskOptions?>((_, input, _) =>
            {
                var w = (RolloutWeightInput)input!;
                Weights.Add(w);
                Calls.Add($"weights {DeploymentState.ModeName(w.Mode)} {w.Weight}");
                return Task.FromResult(WeightsResult(w));
            });
        _context.Setup(c => c.CallActivityAsync<HealthReport>(Named(nameof(AnalyzeRolloutHealthActivity)), It.IsAny<object?>(), It.IsAny<TaskOptions?>()))
            .Returns<TaskName, object?, TaskOptions?>((_, input, _) =>
            {
                Analyses.Add((HealthAnalysisInput)input!);
                Calls.Add("analyse");
                return Task.FromResult(Report(Verdicts.Count > 0 ? Verdicts.Dequeue() : HealthVerdict.Pass));
            });
        _context.Setup(c => c.CallActivityAsync<RolloutChange>(Named(nameof(FinishRolloutActivity)), It.IsAny<object?>(), It.IsAny<TaskOptions?>()))
            .Returns<TaskName, object?, TaskOptions?>((_, input, _) =>
            {
                var f = (FinishRolloutInput)input!;
                Finishes.Add(f);
                Calls.Add($"finish {f.Action} {f.Target}");
                return Task.FromResult(new RolloutChange(true, "single", null));
            });
        _context.Setup(c => c.CreateTimer(It.IsAny<DateTime>(), It.IsAny<CancellationToken>()))
            .Returns<DateTime, CancellationToken>((at, token) =>
            {
                TimerTokens.Add(token);
                Calls.Add("bake");
                var timer = Timers.Count > 0 ? Timers.Dequeue() : Task.CompletedTask;
                if (timer.IsCompleted)
                {
                    _now = at; // the bake elapsed: the clock moves to its end
                }

                return timer;
            });
        _context.Setup(c => c.WaitForExternalEvent<RolloutCommand>(RolloutNames.PromoteEvent, It.IsAny<CancellationToken>())).Returns(Promote.Task);
        _context.Setup(c => c.WaitForExternalEvent<RolloutCommand>(RolloutNames.AbortEvent, It.IsAny<CancellationToken>())).Returns(Abort.Task);
        _context.Setup(c => c.WaitForExternalEvent<RollbackSignal>(RolloutNames.RollbackEvent, It.IsAny<CancellationToken>())).Returns(Rollback.Task);
        _context.Setup(c => c.CallSubOrchestratorAsync<ApprovalResult>(Named(nameof(ApprovalOrchestrator)), It.IsAny<object?>(), It.IsAny<TaskOptions?>()))
            .Returns<TaskName, object?, TaskOptions?>((_, input, options) =>
            {
                Approvals.Add(((ApprovalRequest)input!, ((SubOrchestrationOptions)options!).InstanceId!));
                Calls.Add("approve");
                if (PendingApprovals.Count > 0)
                {
                    return PendingApprovals.Dequeue().Task;
                }

                var outcome = Decisions.Count > 0 ? Decisions.Dequeue() : ApprovalOutcome.Approved;
                return Task.FromResult(new ApprovalResult(outcome, [], _now));
            });
        _context.Setup(c => c.SendEvent(It.IsAny<string>(), It.IsAny<string>(), It.IsAny<object>()))
            .Callback<string, string, object>((instance, name, _) =>
            {
                SentEvents.Add((instance, name));
                Calls.Add($"send {name}");
            });
    }

    public RolloutStart PlanResult { get; set; }

    /// <summary>Approvals that stay pending when asked, in turn (the test decides them); once empty, each decides at once from <see cref="Decisions"/>.</summary>
    public Queue<TaskCompletionSource<ApprovalResult>> PendingApprovals { get; } = new();

    public List<(string InstanceId, string Event)> SentEvents { get; } = [];

    public Func<RolloutWeightInput, RolloutChange> WeightsResult { get; set; } = _ => new RolloutChange(true, "canary", null);

    public Queue<HealthVerdict> Verdicts { get; } = new();

    /// <summary>Each bake's timer in turn; once empty, bakes elapse at once.</summary>
    public Queue<Task> Timers { get; } = new();

    public Queue<ApprovalOutcome> Decisions { get; } = new();

    public TaskCompletionSource<RolloutCommand> Promote { get; } = new();

    public TaskCompletionSource<RolloutCommand> Abort { get; } = new();

    public TaskCompletionSource<RollbackSignal> Rollback { get; } = new();

    public List<string> Calls { get; } = [];

    public List<RolloutProgress> Statuses { get; } = [];

    public List<RolloutWeightInput> Weights { get; } = [];

    public List<HealthAnalysisInput> Analyses { get; } = [];

    public List<FinishRolloutInput> Finishes { get; } = [];

    public List<(ApprovalRequest Request, string InstanceId)> Approvals { get; } = [];

    public List<CancellationToken> TimerTokens { get; } = [];

    public Task<RolloutResult> RunAsync(bool startApproved = false, string? plan = null) =>
        new RolloutOrchestrator().RunAsync(_context.Object, new RolloutRequest("churn", 7, "ops@example.org", "manual", startApproved, plan));

    public static HealthReport Report(HealthVerdict verdict) => new(
        verdict, $"{verdict} because the test said so", new VersionHealth(7, 500, 0, 0, 3, 500, 0), new VersionHealth(6, 5000, 0, 0, 3, 5000, 0),
        null, [], Start, Start);

    private static TaskName Named(string name) => It.Is<TaskName>(n => n.Name == name);
}
