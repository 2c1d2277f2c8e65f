using Microsoft.Extensions.Logging;

namespace Serverless.Core.Rollout;

/// <summary>Notices as warning log lines (they reach Application Insights / OTLP with the rest of the logs).</summary>
public sealed class LoggingDeploymentNotifier(ILogger<LoggingDeploymentNotifier> logger) : IDeploymentNotifier
{
    public Task NotifyAsync(DeploymentNotice notice, CancellationToken cancellationToken)
    {
        logger.Notice(notice.Model, notice.Kind, notice.Message, notice.State.Describe());
        return Task.CompletedTask;
    }
}
