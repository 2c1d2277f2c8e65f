using Microsoft.Extensions.Logging;

namespace Serverless.Core.Monitoring.DriftMonitoring;

/// <summary>The default notifier: one warning per acted-on check, naming the drifted features.</summary>
public sealed class LogDriftNotifier(ILogger<LogDriftNotifier> logger) : IDriftNotifier
{
    public Task NotifyAsync(DriftCheck check, CancellationToken cancellationToken)
    {
        logger.DriftActed(check.Model, DriftText.Describe(check));
        return Task.CompletedTask;
    }
}
