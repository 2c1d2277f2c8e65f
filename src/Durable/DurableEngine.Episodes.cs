using Azure;
using Serverless.Core.Workflows;
using Serverless.Durable.History;
using Serverless.Durable.Replay;
using Serverless.Durable.Storage;

namespace Serverless.Durable;

public sealed partial class DurableEngine
{
    private enum EpisodeOutcome
    {
        Done,
        Busy,
    }

    /// <summary>
    /// Runs one episode of an instance: lease, replay with the inbox, commit, dispatch, status, release.
    /// </summary>
    /// <remarks>
    /// Crash-safe at every step: before the commit nothing changed (the wake-up reappears and the episode reruns);
    /// after it, the sentinel's dispatch marker makes the next episode resend the messages and rewrite the status.
    /// </remarks>
    private async Task<EpisodeOutcome> RunEpisodeAsync(string instanceId, CancellationToken cancellationToken)
    {
        var snapshot = await _hub.History.LoadAsync(instanceId, cancellationToken);
        if (snapshot is null)
        {
            return EpisodeOutcome.Done;
        }

        var history = snapshot.History;
        var terminal = history.Count > 0 && history[^1].IsTerminal;
        var firstRun = !terminal && history.All(e => e.Type != HistoryEventType.OrchestratorStarted);
        if (snapshot.Inbox.Count == 0 && snapshot.Sentinel.PendingFrom < 0 && !firstRun && snapshot.StaleRowKeys.Count == 0)
        {
            // Nothing new: replay would reproduce the same state, so skip the lease and its writes.
            return EpisodeOutcome.Done;
        }

        if (snapshot.Sentinel.IsLocked(DateTimeOffset.UtcNow))
        {
            return EpisodeOutcome.Busy;
        }

        var leased = await _hub.History.TryAcquireAsync(instanceId, snapshot.Sentinel, _options.WorkerId, _options.LeaseDuration, cancellationToken);
        if (leased is null)
        {
            return EpisodeOutcome.Busy;
        }

        Interlocked.Increment(ref _episodes);
        var current = leased;
        try
        {
            var incoming = snapshot.Inbox
                .Select(row => row.Event)
                .Where(e => e.ExecutionId is null || e.ExecutionId == current.ExecutionId)
                .ToList();
            EpisodeResult? result = null;
            if (!terminal && (incoming.Count > 0 || firstRun))
            {
                _registry.TryGetOrchestrator(current.Name, out var orchestrator);
                result = OrchestrationReplayer.Run(orchestrator, instanceId, history, incoming, DateTime.UtcNow, _loggers);
            }

            var consumed = snapshot.Inbox.Select(row => row.RowKey).Concat(snapshot.StaleRowKeys).ToList();
            var (next, rows, firstIndex) = Plan(current, history, result);
            if (rows.Count > 0 || consumed.Count > 0 || next != current)
            {
                current = await _hub.History.CommitAsync(instanceId, next, firstIndex, rows, consumed, cancellationToken);
            }

            if (current.PendingFrom >= 0)
            {
                var execution = firstIndex == 0 ? rows : [.. history, .. rows];
                await DispatchAsync(instanceId, current.ExecutionId, execution[0], execution.Skip(current.PendingFrom), cancellationToken);
                await WriteStatusAsync(instanceId, current, execution, cancellationToken);
                current = current with { PendingFrom = -1 };
            }

            if (!await _hub.History.ReleaseAsync(instanceId, current, cancellationToken))
            {
                Logs.LeaseLost(_logger, instanceId);
            }

            return EpisodeOutcome.Done;
        }
        catch (RequestFailedException e) when (e.Status == 412)
        {
            Logs.LeaseLost(_logger, instanceId);
            return EpisodeOutcome.Done;
        }
        catch
        {
            // Give the lease back so that the retry need not wait for it to expire; keep the dispatch marker.
            await _hub.History.ReleaseAsync(instanceId, current, CancellationToken.None);
            throw;
        }
    }

    /// <summary>The sentinel and the rows to commit for an episode's result.</summary>
    private static (Sentinel Next, IReadOnlyList<HistoryEvent> Rows, int FirstIndex) Plan(
        Sentinel current, IReadOnlyList<HistoryEvent> history, EpisodeResult? result)
    {
        if (result is null || (result.NewHistory.Count == 0 && result.CustomStatus == current.CustomStatus && result.Status == current.Status))
        {
            return (current, [], current.HistoryLength);
        }

        if (result.Status == WorkflowRuntimeStatus.ContinuedAsNew)
        {
            // A new execution replaces the history: its rows start at 0 under a new execution id, the old rows
            // become stale and are deleted by the next episode. Dispatching its ExecutionStarted wakes it.
            var started = history[0];
            var restart = new HistoryEvent(HistoryEventType.ExecutionStarted, result.NewHistory[^1].Timestamp)
            {
                Name = started.Name,
                Data = result.ContinueAsNewInput,
                Parent = started.Parent,
            };
            var rows = new List<HistoryEvent> { restart };
            rows.AddRange(result.CarriedEvents.Select(e => e with { ExecutionId = null }));
            var next = current with
            {
                ExecutionId = Engine.TaskHub.NewExecutionId(),
                HistoryLength = rows.Count,
                PendingFrom = 0,
                Status = WorkflowRuntimeStatus.ContinuedAsNew,
                CustomStatus = result.CustomStatus,
            };
            return (next, rows, 0);
        }

        var pendingFrom = current.PendingFrom >= 0 ? current.PendingFrom : current.HistoryLength;
        return (current with
        {
            HistoryLength = current.HistoryLength + result.NewHistory.Count,
            PendingFrom = pendingFrom,
            Status = result.Status,
            CustomStatus = result.CustomStatus,
        }, result.NewHistory, current.HistoryLength);
    }

    private async Task WriteStatusAsync(string instanceId, Sentinel current, IReadOnlyList<HistoryEvent> execution, CancellationToken cancellationToken)
    {
        var last = execution[^1];
        var output = last.Type is HistoryEventType.ExecutionCompleted or HistoryEventType.ExecutionTerminated ? last.Data : null;
        var failure = last.Type == HistoryEventType.ExecutionFailed ? last.Failure : null;
        (string, string?)? continued = current.Status == WorkflowRuntimeStatus.ContinuedAsNew ? (current.ExecutionId, execution[0].Data) : null;
        await _hub.Instances.UpdateAsync(instanceId, current.Status, current.CustomStatus, output, failure, continued, cancellationToken);
        if (current.Status != WorkflowRuntimeStatus.Running)
        {
            Logs.InstanceStatus(_logger, instanceId, current.Name, current.Status);
        }

        if (failure is not null)
        {
            Logs.InstanceFailed(_logger, instanceId, current.Name, failure.ErrorType, failure.ErrorMessage);
        }
    }
}
