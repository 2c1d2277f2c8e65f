namespace Serverless.Core.Monitoring.DriftMonitoring;

/// <summary>Starts the retrain workflow. The Durable implementation lives in Workflows (Core knows no engine).</summary>
public interface IRetrainStarter
{
    /// <summary>Starts (or finds already started) the retrain with this instance id; returns the instance id.</summary>
    /// <remarks>Idempotent for one <paramref name="instanceId"/>: the monitor may retry after a crash.</remarks>
    Task<string> StartAsync(string instanceId, RetrainRequest request, CancellationToken cancellationToken);
}
