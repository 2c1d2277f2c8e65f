using System.Text.Json;
using Serverless.Core.Serialization;
using Serverless.Core.Workflows;
using Serverless.Durable.History;

namespace Serverless.Durable.Tests.Replay;

/// <summary>Builds histories by hand for replay tests; times advance one second per episode.</summary>
internal sealed class HistoryBuilder
{
    public static readonly DateTime Start = new(2026, 1, 1, 12, 0, 0, DateTimeKind.Utc);
    private readonly List<HistoryEvent> _events = [];
    private DateTime _now = Start;

    public DateTime Now => _now;

    public HistoryBuilder Started(string name, object? input = null)
    {
        _events.Add(new HistoryEvent(HistoryEventType.ExecutionStarted, _now) { Name = name, Data = Json(input) });
        return this;
    }

    public HistoryBuilder Episode()
    {
        _now = _now.AddSeconds(1);
        _events.Add(OrchestratorStarted(_now));
        return this;
    }

    public HistoryBuilder Add(HistoryEvent e)
    {
        _events.Add(e);
        return this;
    }

    public HistoryBuilder Scheduled(int id, string name, object? input = null) =>
        Add(new HistoryEvent(HistoryEventType.TaskScheduled, _now) { TaskId = id, Name = name, Data = Json(input) });

    public HistoryBuilder TimerCreated(int id, DateTime fireAt) =>
        Add(new HistoryEvent(HistoryEventType.TimerCreated, _now) { TaskId = id, FireAt = fireAt });

    public List<HistoryEvent> Build() => [.. _events];

    public static HistoryEvent OrchestratorStarted(DateTime at) => new(HistoryEventType.OrchestratorStarted, at);

    public static HistoryEvent Completed(int id, object? result) =>
        new(HistoryEventType.TaskCompleted, Start) { TaskId = id, Data = Json(result) };

    public static HistoryEvent Failed(int id, string message) =>
        new(HistoryEventType.TaskFailed, Start) { TaskId = id, Failure = new WorkflowFailureDetails("System.InvalidOperationException", message) };

    public static HistoryEvent TimerFired(int id) => new(HistoryEventType.TimerFired, Start) { TaskId = id };

    public static HistoryEvent Raised(string name, object? payload) => new(HistoryEventType.EventRaised, Start) { Name = name, Data = Json(payload) };

    public static string? Json(object? value) => value is null ? null : JsonSerializer.Serialize(value, value.GetType(), JsonDefaults.Options);
}
