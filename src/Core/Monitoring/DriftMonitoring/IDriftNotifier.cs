namespace Serverless.Core.Monitoring.DriftMonitoring;

/// <summary>Told when a model's drift reaches act (at most once per cooldown per model).</summary>
public interface IDriftNotifier
{
    Task NotifyAsync(DriftCheck check, CancellationToken cancellationToken);
}
