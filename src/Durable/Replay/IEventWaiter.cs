namespace Serverless.Durable.Replay;

/// <summary>An orchestrator waiting for an external event by name.</summary>
internal interface IEventWaiter
{
    /// <summary>Delivers the event's payload (JSON); false when the waiter was already cancelled.</summary>
    bool TryDeliver(string? data);
}
