using Serverless.Core.Workflows;
using Serverless.Durable.History;

namespace Serverless.Durable.Replay;

internal sealed partial class ReplayOrchestrationContext
{
    /// <summary>Activity inputs travel in a queue message (64 KB); larger inputs belong in a blob.</summary>
    public const int MaxActivityInputChars = 48_000;

    private readonly Dictionary<int, HistoryEvent> _pastScheduled = [];
    private readonly HashSet<int> _matched = [];
    private readonly Dictionary<int, IPendingTask> _pending = [];
    private int _nextTaskId;

    public Task<T> CallActivityAsync<T>(string name, object? input = null, WorkflowRetryPolicy? retry = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        var json = Serialize(input);
        if (json is { Length: > MaxActivityInputChars })
        {
            throw new ArgumentException(
                $"The input of activity '{name}' is {json.Length} characters; the embedded engine's limit is {MaxActivityInputChars}. Pass a blob reference instead.",
                nameof(input));
        }

        return retry is null ? ScheduleActivity<T>(name, json) : CallActivityWithRetryAsync<T>(name, json, retry);
    }

    public Task CallActivityAsync(string name, object? input = null, WorkflowRetryPolicy? retry = null) =>
        CallActivityAsync<object?>(name, input, retry);

    public Task<T> CallSubOrchestratorAsync<T>(string name, object? input = null, string? instanceId = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        var taskId = _nextTaskId;

        // Derived from the parent and the task's sequence number, so replay computes the same child id.
        var childId = instanceId ?? $"{InstanceId}:{taskId}";
        var pending = new PendingTask<T>(name, taskId);
        Schedule(new HistoryEvent(HistoryEventType.SubOrchestrationCreated, CurrentUtcDateTime)
        {
            Name = name,
            Data = Serialize(input),
            InstanceId = childId,
        }, pending);
        return pending.Task;
    }

    public Task CreateTimer(TimeSpan delay, CancellationToken cancellationToken) =>
        CreateTimer(CurrentUtcDateTime.Add(delay), cancellationToken);

    public Task CreateTimer(DateTime fireAt, CancellationToken cancellationToken)
    {
        var pending = new PendingTask<object?>("Timer", _nextTaskId);
        Schedule(new HistoryEvent(HistoryEventType.TimerCreated, CurrentUtcDateTime)
        {
            FireAt = fireAt.Kind == DateTimeKind.Local ? fireAt.ToUniversalTime() : DateTime.SpecifyKind(fireAt, DateTimeKind.Utc),
        }, pending);
        if (cancellationToken.CanBeCanceled)
        {
            // Runs synchronously inside orchestrator code (on the episode's thread) when the token is cancelled.
            cancellationToken.Register(() => pending.Cancel(cancellationToken));
        }

        return pending.Task;
    }

    private Task<T> ScheduleActivity<T>(string name, string? input)
    {
        var pending = new PendingTask<T>(name, _nextTaskId);
        Schedule(new HistoryEvent(HistoryEventType.TaskScheduled, CurrentUtcDateTime) { Name = name, Data = input }, pending);
        return pending.Task;
    }

    // As Durable Task: the orchestrator drives retries, with a durable timer between attempts.
    private async Task<T> CallActivityWithRetryAsync<T>(string name, string? input, WorkflowRetryPolicy retry)
    {
        var firstAttempt = CurrentUtcDateTime;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await ScheduleActivity<T>(name, input);
            }
            catch (WorkflowTaskFailedException) when (attempt < retry.MaxNumberOfAttempts)
            {
                var delay = retry.DelayAfter(attempt);
                if (retry.RetryTimeout is { } timeout && CurrentUtcDateTime + delay - firstAttempt > timeout)
                {
                    throw;
                }

                await CreateTimer(CurrentUtcDateTime + delay, CancellationToken.None);
            }
        }
    }

    /// <summary>Gives the action the next sequence number, then matches it with history or records it as new.</summary>
    private void Schedule(HistoryEvent action, IPendingTask pending)
    {
        var taskId = _nextTaskId++;
        action = action with { TaskId = taskId };
        _pending[taskId] = pending;
        if (_pastScheduled.TryGetValue(taskId, out var recorded))
        {
            if (recorded.Type != action.Type || !string.Equals(recorded.Name, action.Name, StringComparison.Ordinal))
            {
                ReportNonDeterminism(
                    $"history has {Describe(recorded)} but the orchestrator now schedules {Describe(action)}.");
            }

            _matched.Add(taskId);
            return;
        }

        NewActions.Add(action);
    }

    private static string Describe(HistoryEvent e) => e.Type switch
    {
        HistoryEventType.TaskScheduled => $"TaskScheduled #{e.TaskId} (activity '{e.Name}')",
        HistoryEventType.SubOrchestrationCreated => $"SubOrchestrationCreated #{e.TaskId} (orchestrator '{e.Name}')",
        HistoryEventType.TimerCreated => $"TimerCreated #{e.TaskId}",
        HistoryEventType.EventRaised => $"EventRaised '{e.Name}'",
        _ => $"{e.Type} #{e.TaskId}",
    };
}
