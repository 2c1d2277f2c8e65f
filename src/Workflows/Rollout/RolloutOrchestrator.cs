using System.Globalization;
using Microsoft.DurableTask;
using Serverless.Core.Rollout;
using Serverless.Core.Rollout.Health;
using Serverless.Core.Rollout.Plans;

namespace Serverless.Workflows.Rollout;

/// <summary>
/// Moves a model's traffic from its champion to a candidate by the model's plan: per step, set the weights, bake (a
/// durable timer racing the <c>Promote</c>, <c>Abort</c> and <c>Rollback</c> events), then analyse health against the
/// champion. Pass: the next step; fail: the champion back on all traffic, notified; inconclusive: bake again, at most
/// <see cref="RolloutPlan.MaxExtensions"/> times, then fail. After the last step the candidate is promoted.
/// </summary>
/// <remarks>
/// <para>Events: <c>Promote</c> skips the remaining steps and promotes, once approved ("promoting vN to 100 %") when any
/// remaining step needs an approval (rejected or timed out: as a rejected step); <c>Rollback</c> (also raised by alerts) restores
/// the champion at once, skipping analysis; <c>Abort</c> restores the champion and ends aborted. Events are taken while
/// baking, while waiting for an approval (<c>Abort</c> and <c>Rollback</c> end that wait at once and cancel the request;
/// <c>Promote</c> waits for the decision), and at every step boundary (one raised during an activity waits for it).</para>
/// <para>Approvals (<see cref="Approvals.ApprovalOrchestrator"/> as a sub-orchestration), by the model's approval policy
/// carried in the plan: to start, when the policy asks and the request was not approved already; before each step that
/// reaches one of its approval percents. A rejection or timeout restores the
/// champion and ends <c>rejected</c>.</para>
/// <para>Deterministic: the context's clock, timers, activities and events only; the plan is resolved once by an
/// activity, so a settings change never alters a running rollout. Each event has one waiter for the whole run (a
/// second waiter would take the next event in its place). Activities are idempotent.</para>
/// </remarks>
public sealed partial class RolloutOrchestrator : TaskOrchestrator<RolloutRequest, RolloutResult>
{
    private static readonly TaskOptions Retry = TaskOptions.FromRetryPolicy(new RetryPolicy(5, TimeSpan.FromSeconds(2), 2, TimeSpan.FromMinutes(1)));

    private TaskOrchestrationContext _context = null!;
    private RolloutRequest _request = null!;
    private RolloutPlan? _plan;
    private int _champion;
    // Steps whose approval is behind the rollout (granted, or none needed): a Promote must be approved when any later step needs one.
    private int _cleared;
    private Task<RolloutCommand> _promote = null!;
    private Task<RolloutCommand> _abort = null!;
    private Task<RollbackSignal> _rollback = null!;
    private RolloutProgress _progress = null!;
    private DateTime _started;

    public override async Task<RolloutResult> RunAsync(TaskOrchestrationContext context, RolloutRequest input)
    {
        ArgumentNullException.ThrowIfNull(input);
        _context = context;
        _request = input;
        var started = _started = context.CurrentUtcDateTime;
        _progress = new RolloutProgress(input.Model, input.Version, null, input.Plan ?? "", "plan", 0, 0, 0, "planning", $"asked by {input.RequestedBy}: {input.Reason}");
        context.SetCustomStatus(_progress);

        var start = await context.CallActivityAsync<RolloutStart>(nameof(PlanRolloutActivity), input, Retry);
        if (start is not { Plan: { } plan, Champion: int champion })
        {
            // Nothing was changed: the champion (if any) still serves everything.
            return End("aborted", start.Champion ?? 0, start.Error ?? "the rollout could not be planned.");
        }

        _plan = plan;
        _champion = champion;
        _promote = context.WaitForExternalEvent<RolloutCommand>(RolloutNames.PromoteEvent);
        _abort = context.WaitForExternalEvent<RolloutCommand>(RolloutNames.AbortEvent);
        _rollback = context.WaitForExternalEvent<RollbackSignal>(RolloutNames.RollbackEvent);
        Status(_progress with { Champion = champion, Plan = plan.Name, Steps = plan.Steps.Count, State = "planned", Detail = $"plan from {plan.Source}" });

        if (plan.Approval.ApproveStart && !input.StartApproved)
        {
            var (approved, ended) = await ApproveAsync("0", $"the rollout of {input.Model} v{input.Version}");
            if (ended is not null || !approved)
            {
                return ended ?? End("rejected", champion, "the start of the rollout was not approved.");
            }
        }

        for (var i = 0; i < plan.Steps.Count; i++)
        {
            var step = plan.Steps[i];
            if (await TakeEventAsync() is { } ended)
            {
                return ended;
            }

            Status(_progress with { Stage = step.Stage, Step = i + 1, Until = null, Extensions = 0 });
            if (step.NeedsApproval)
            {
                var (approved, interrupted) = await ApproveAsync((i + 1).ToString(CultureInfo.InvariantCulture), $"raising {input.Model} v{input.Version} to {step.Weight} %");
                if (interrupted is not null || !approved)
                {
                    return interrupted ?? await RestoreAsync("rejected", "abort", $"raising the candidate to {step.Weight} % was not approved.");
                }
            }

            _cleared = i + 1;

            if (await TakeEventAsync() is { } endedAfterApproval)
            {
                return endedAfterApproval;
            }

            Status(_progress with { State = "setting-weights", Detail = $"{step.Stage} {step.Weight} %" });
            var weights = await context.CallActivityAsync<RolloutChange>(
                nameof(SetRolloutWeightActivity),
                new RolloutWeightInput(input.Model, input.Version, step.Mode, step.Weight, context.InstanceId, $"rollout step {i + 1} of {plan.Steps.Count}: {step.Stage} {step.Weight} %"),
                Retry);
            if (!weights.Ok)
            {
                return await RestoreAsync("rolled-back", "rollback", $"the candidate could not take traffic: {weights.Error}");
            }

            Status(_progress with { Weight = step.Weight, Detail = weights.Routing ?? "" });
            if (step.Bake && await BakeAsync(step, started) is { } stopped)
            {
                return stopped;
            }
        }

        return await FinishAsync("promoted", "promote", input.Version, "every step passed its health analysis.");
    }

    /// <summary>Bakes one step and analyses it, extending while inconclusive; null when it passed, else how the rollout ended.</summary>
    private async Task<RolloutResult?> BakeAsync(RolloutStep step, DateTime rolloutStarted)
    {
        var plan = _plan!;
        var bakeStarted = _context.CurrentUtcDateTime;
        for (var extension = 0; ; extension++)
        {
            var until = _context.CurrentUtcDateTime + plan.Bake;
            Status(_progress with { State = "baking", Until = until, Extensions = extension, Detail = $"{step.Stage} {step.Weight} % until {until:u}" });
            using (var cancel = new CancellationTokenSource())
            {
                var timer = _context.CreateTimer(until, cancel.Token);
                var winner = await Task.WhenAny(timer, _promote, _abort, _rollback);
                if (winner != timer)
                {
                    // Cancel() rather than CancelAsync(): callbacks must run on the orchestration's own thread.
                    cancel.Cancel();
                    return await TakeEventAsync();
                }
            }

            Status(_progress with { State = "analysing", Until = null });
            var report = await _context.CallActivityAsync<HealthReport>(
                nameof(AnalyzeRolloutHealthActivity),
                new HealthAnalysisInput(_request.Model, _request.Version, _champion, bakeStarted, _context.CurrentUtcDateTime, rolloutStarted),
                Retry);
            Status(_progress with { Health = report, Detail = $"{report.Verdict}: {report.Reason}" });
            switch (report.Verdict)
            {
                case HealthVerdict.Pass:
                    return null;
                case HealthVerdict.Fail:
                    return await RestoreAsync("rolled-back", "rollback", $"health check failed at {step.Stage} {step.Weight} %: {report.Reason}");
                case HealthVerdict.Inconclusive when extension >= plan.MaxExtensions:
                    return await RestoreAsync("rolled-back", "rollback",
                        $"health still inconclusive at {step.Stage} {step.Weight} % after {plan.MaxExtensions} extension(s): {report.Reason}");
            }

            if (await TakeEventAsync() is { } ended)
            {
                return ended;
            }
        }
    }
}
