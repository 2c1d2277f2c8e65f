namespace Serverless.Core.Monitoring.DriftMonitoring;

/// <summary>Starts the retrain workflow. The Durable implementation lives in Workflows (Core knows no engine).</summary>
public interface IRetrainStarter
{
    /// <summary>
    /// Starts the model's retrain under <see cref="RetrainRequest.InstanceId"/>, or finds it already running; returns
    /// that instance id.
    /// </summary>
    /// <remarks>Idempotent while the retrain runs: the monitor may retry after a crash.</remarks>
    Task<string> StartAsync(RetrainRequest request, CancellationToken cancellationToken);
}
