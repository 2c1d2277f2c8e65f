namespace Serverless.Core.Rollout;

/// <summary>
/// Tells a running rollout orchestration to stop and roll back (the <see cref="EventName"/> external event). The Api
/// implements it over <c>DurableTaskClient</c>; Core does not know the engine.
/// </summary>
public interface IRolloutSignal
{
    public const string EventName = "Rollback";

    /// <summary>Raises the event when the instance exists and is still running; returns whether it was raised.</summary>
    Task<bool> SignalRollbackAsync(string instanceId, RollbackSignal signal, CancellationToken cancellationToken);
}
