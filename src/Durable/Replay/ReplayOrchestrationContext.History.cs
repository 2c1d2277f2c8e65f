using Serverless.Durable.History;

namespace Serverless.Durable.Replay;

internal sealed partial class ReplayOrchestrationContext
{
    /// <summary>Applies one history event, past or new; completions resume the orchestrator's awaits.</summary>
    /// <remarks>Past scheduling events are checkpoints: by the time replay reaches one, the orchestrator must have
    /// scheduled the same task again.</remarks>
    public void Apply(HistoryEvent e, bool isPast)
    {
        switch (e.Type)
        {
            case HistoryEventType.ExecutionStarted:
                _input = e.Data;
                CurrentUtcDateTime = e.Timestamp;
                break;
            case HistoryEventType.OrchestratorStarted:
                CurrentUtcDateTime = e.Timestamp;
                break;
            case HistoryEventType.EventRaised:
                DeliverEvent(e);
                break;
            case HistoryEventType.TaskScheduled or HistoryEventType.TimerCreated or HistoryEventType.SubOrchestrationCreated:
                if (isPast && !_matched.Contains(e.TaskId))
                {
                    ReportNonDeterminism($"history has {Describe(e)} but the orchestrator did not schedule it.");
                }

                break;
            case var _ when e.IsTaskCompletion:
                if (_pending.Remove(e.TaskId, out var pending))
                {
                    pending.Complete(e);
                }
                else if (isPast)
                {
                    ReportNonDeterminism($"history has {e.Type} for task #{e.TaskId} but the orchestrator has no such task.");
                }

                break;
        }
    }

    /// <summary>The orchestrator returned during replay although history records more.</summary>
    public void ReportCompletedEarly(HistoryEvent next) =>
        ReportNonDeterminism($"the orchestrator completed, but history continues with {Describe(next)}.");
}
