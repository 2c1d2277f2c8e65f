using Serverless.Core.Workflows;
using Serverless.Durable.History;
using Serverless.Durable.Storage;

namespace Serverless.Durable;

public sealed partial class DurableEngine
{
    /// <summary>Sends the messages for committed history events: activities, timers, children, the parent, a restart.</summary>
    /// <remarks>At-least-once: a crash before the sentinel's marker is cleared sends them again, and receivers dedupe by task id.</remarks>
    private async Task DispatchAsync(
        string instanceId, string executionId, HistoryEvent started, IEnumerable<HistoryEvent> events, CancellationToken cancellationToken)
    {
        var sends = new List<Task>();
        var wakeSelf = false;
        foreach (var e in events)
        {
            switch (e.Type)
            {
                case HistoryEventType.TaskScheduled:
                    sends.Add(_hub.SendActivityAsync(new ActivityMessage(instanceId, executionId, e.TaskId, e.Name!, e.Data), cancellationToken));
                    break;
                case HistoryEventType.TimerCreated:
                    sends.Add(_hub.SendTimerAsync(new ControlMessage(instanceId, executionId, e.TaskId, e.FireAt), cancellationToken));
                    break;
                case HistoryEventType.SubOrchestrationCreated:
                    sends.Add(StartChildAsync(instanceId, executionId, e, cancellationToken));
                    break;
                case HistoryEventType.ExecutionCompleted or HistoryEventType.ExecutionFailed or HistoryEventType.ExecutionTerminated
                    when started.Parent is { } parent:
                    sends.Add(NotifyParentAsync(parent, e, cancellationToken));
                    break;
                case HistoryEventType.ExecutionStarted:
                    wakeSelf = true;
                    break;
            }
        }

        await Task.WhenAll(sends);
        if (wakeSelf)
        {
            await _hub.SendWakeAsync(instanceId, cancellationToken);
        }
    }

    private async Task StartChildAsync(string parentId, string parentExecutionId, HistoryEvent created, CancellationToken cancellationToken)
    {
        var childId = created.InstanceId!;
        var parent = new ParentInstance(parentId, parentExecutionId, created.TaskId);

        // A resend after a crash finds the child it already started (possibly finished): only wake it.
        var existing = await _hub.History.LoadAsync(childId, cancellationToken);
        if (existing?.History.FirstOrDefault()?.Parent == parent)
        {
            await _hub.SendWakeAsync(childId, cancellationToken);
            return;
        }

        if (await _hub.TryCreateInstanceAsync(childId, created.Name!, created.Data, parent, cancellationToken))
        {
            return;
        }

        var failure = new WorkflowFailureDetails(
            typeof(WorkflowInstanceExistsException).FullName!, new WorkflowInstanceExistsException(childId).Message);
        await _hub.DeliverAsync(parentId, new HistoryEvent(HistoryEventType.SubOrchestrationFailed, DateTime.UtcNow)
        {
            TaskId = created.TaskId,
            Failure = failure,
            ExecutionId = parentExecutionId,
        }, cancellationToken);
    }

    private Task NotifyParentAsync(ParentInstance parent, HistoryEvent end, CancellationToken cancellationToken)
    {
        var answer = end.Type switch
        {
            HistoryEventType.ExecutionCompleted => new HistoryEvent(HistoryEventType.SubOrchestrationCompleted, DateTime.UtcNow) { Data = end.Data },
            HistoryEventType.ExecutionFailed => new HistoryEvent(HistoryEventType.SubOrchestrationFailed, DateTime.UtcNow) { Failure = end.Failure },
            _ => new HistoryEvent(HistoryEventType.SubOrchestrationFailed, DateTime.UtcNow)
            {
                Failure = new WorkflowFailureDetails("Terminated", $"The sub-orchestration was terminated: {end.Data}"),
            },
        };
        return _hub.DeliverAsync(parent.InstanceId, answer with { TaskId = parent.TaskId, ExecutionId = parent.ExecutionId }, cancellationToken);
    }
}
