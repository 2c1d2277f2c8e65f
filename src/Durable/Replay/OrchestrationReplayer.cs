using Microsoft.Extensions.Logging;
using Serverless.Core.Workflows;
using Serverless.Durable.History;

namespace Serverless.Durable.Replay;

/// <summary>
/// Runs one episode of an orchestrator: re-executes it from the start against its past history, feeds it the new
/// events, and returns what to append. Pure and synchronous: no storage, no clock except <c>now</c>.
/// </summary>
/// <remarks>
/// Events are applied strictly in order (past, then new) on a single-threaded <see cref="EpisodeScheduler"/>, and
/// the orchestrator's continuations run to quiescence after each one, so completion order, <c>WhenAny</c> and
/// <c>WhenAll</c> follow history. The episode ends when every event is applied and the orchestrator awaits something
/// incomplete, or when it returns or throws.
/// </remarks>
public static class OrchestrationReplayer
{
    public static EpisodeResult Run(
        RegisteredOrchestrator? orchestrator,
        string instanceId,
        IReadOnlyList<HistoryEvent> past,
        IReadOnlyList<HistoryEvent> incoming,
        DateTime now,
        ILoggerFactory loggers)
    {
        var episodeStart = new HistoryEvent(HistoryEventType.OrchestratorStarted, now);
        if (incoming.FirstOrDefault(e => e.Type == HistoryEventType.ExecutionTerminated) is { } terminate)
        {
            return new EpisodeResult(WorkflowRuntimeStatus.Terminated, [episodeStart, terminate with { Timestamp = now }], null)
            {
                Output = terminate.Data,
            };
        }

        var started = past.FirstOrDefault(e => e.Type == HistoryEventType.ExecutionStarted)
            ?? throw new InvalidOperationException($"The history of '{instanceId}' has no ExecutionStarted event.");
        if (orchestrator is null)
        {
            return Fail(episodeStart, new WorkflowFailureDetails(
                typeof(InvalidOperationException).FullName!, $"Orchestrator '{started.Name}' is not registered with the engine."), null);
        }

        var live = new List<HistoryEvent>(incoming.Count + 1) { episodeStart };
        live.AddRange(AcceptIncoming(past, incoming));
        var context = new ReplayOrchestrationContext(instanceId, orchestrator.Name, past, loggers);
        var scheduler = new EpisodeScheduler();
        var saved = SynchronizationContext.Current;

        // A caller's synchronization context (xunit, UI) would capture the continuations instead of our scheduler.
        SynchronizationContext.SetSynchronizationContext(null);
        try
        {
            Task<string?>? run = null;
            var applied = 0;
            for (var i = 0; i < past.Count + live.Count; i++)
            {
                var isPast = i < past.Count;
                var e = isPast ? past[i] : live[i - past.Count];
                context.IsReplaying = isPast;
                if (run is null && e.Type is not (HistoryEventType.ExecutionStarted or HistoryEventType.OrchestratorStarted))
                {
                    run = Start(orchestrator, context, scheduler);
                    scheduler.RunUntilIdle();
                }

                context.Apply(e, isPast);
                scheduler.RunUntilIdle();
                applied = i + 1 - past.Count;
                if (context.NonDeterminism is not null)
                {
                    break;
                }

                if (run?.IsCompleted == true)
                {
                    // History never continues past the point where the orchestrator returned.
                    if (isPast && i + 1 < past.Count)
                    {
                        context.ReportCompletedEarly(past[i + 1]);
                    }

                    break;
                }
            }

            if (run is null)
            {
                context.IsReplaying = false;
                run = Start(orchestrator, context, scheduler);
                scheduler.RunUntilIdle();
            }

            var consumed = live.Take(Math.Max(applied, 1)).ToList();
            return Complete(context, run, consumed, live.Skip(Math.Max(applied, 1)), isFirstEpisode: past.All(e => e.Type != HistoryEventType.OrchestratorStarted));
        }
        finally
        {
            SynchronizationContext.SetSynchronizationContext(saved);
        }
    }

    private static Task<string?> Start(RegisteredOrchestrator orchestrator, ReplayOrchestrationContext context, EpisodeScheduler scheduler) =>
        Task.Factory.StartNew(() => orchestrator.RunAsync(context), CancellationToken.None, TaskCreationOptions.None, scheduler).Unwrap();

    /// <summary>Drops duplicates (at-least-once delivery) and answers to tasks this execution never scheduled.</summary>
    private static IEnumerable<HistoryEvent> AcceptIncoming(IReadOnlyList<HistoryEvent> past, IReadOnlyList<HistoryEvent> incoming)
    {
        var scheduled = past.Where(e => e.IsScheduling).Select(e => e.TaskId).ToHashSet();
        var answered = past.Where(e => e.IsTaskCompletion).Select(e => e.TaskId).ToHashSet();
        foreach (var e in incoming)
        {
            if (e.IsTaskCompletion && (!scheduled.Contains(e.TaskId) || !answered.Add(e.TaskId)))
            {
                continue;
            }

            yield return e with { ExecutionId = null };
        }
    }

    private static EpisodeResult Complete(
        ReplayOrchestrationContext context, Task<string?> run, List<HistoryEvent> consumed, IEnumerable<HistoryEvent> notApplied, bool isFirstEpisode)
    {
        var now = consumed[0].Timestamp;
        if (context.NonDeterminism is { } nonDeterminism)
        {
            return Fail(consumed[0], WorkflowFailureDetails.FromException(nonDeterminism), context.CustomStatus);
        }

        var history = new List<HistoryEvent>(consumed);
        history.AddRange(context.NewActions);
        if (!run.IsCompleted)
        {
            // Without new events or actions nothing ran live, except in the first episode, whose start time matters.
            var changed = consumed.Count > 1 || context.NewActions.Count > 0 || isFirstEpisode;
            return new EpisodeResult(WorkflowRuntimeStatus.Running, changed ? history : [], context.CustomStatus);
        }

        if (run.IsCompletedSuccessfully && context.ContinueAsNewRequested)
        {
            var carried = context.PreserveUnprocessedEvents
                ? context.UnprocessedEvents.Concat(notApplied.Where(e => e.Type == HistoryEventType.EventRaised)).ToList()
                : [];
            history.Add(new HistoryEvent(HistoryEventType.ContinuedAsNew, now) { Data = context.ContinueAsNewInput });
            return new EpisodeResult(WorkflowRuntimeStatus.ContinuedAsNew, history, context.CustomStatus)
            {
                ContinueAsNewInput = context.ContinueAsNewInput,
                CarriedEvents = carried,
            };
        }

        if (run.IsCompletedSuccessfully)
        {
            history.Add(new HistoryEvent(HistoryEventType.ExecutionCompleted, now) { Data = run.Result, CustomStatus = context.CustomStatus });
            return new EpisodeResult(WorkflowRuntimeStatus.Completed, history, context.CustomStatus) { Output = run.Result };
        }

        var exception = run.Exception?.InnerException ?? new TaskCanceledException("The orchestrator awaited a cancelled task.");
        var failure = WorkflowFailureDetails.FromException(exception);
        history.Add(new HistoryEvent(HistoryEventType.ExecutionFailed, now) { Failure = failure, CustomStatus = context.CustomStatus });
        return new EpisodeResult(WorkflowRuntimeStatus.Failed, history, context.CustomStatus) { Failure = failure };
    }

    private static EpisodeResult Fail(HistoryEvent episodeStart, WorkflowFailureDetails failure, string? customStatus) =>
        new(WorkflowRuntimeStatus.Failed,
            [episodeStart, new HistoryEvent(HistoryEventType.ExecutionFailed, episodeStart.Timestamp) { Failure = failure, CustomStatus = customStatus }],
            customStatus)
        {
            Failure = failure,
        };
}
