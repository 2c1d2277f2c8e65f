namespace Serverless.Core.Rollout;

/// <summary>
/// Where deployment notices go. The default logs them (<see cref="LoggingDeploymentNotifier"/>); an email notifier can
/// replace it (register another <see cref="IDeploymentNotifier"/> before <c>AddRollout</c>, or decorate this one).
/// </summary>
/// <remarks>Called after the state change is stored; must not throw for delivery failures (log them) and may be called again for the same change on retry.</remarks>
public interface IDeploymentNotifier
{
    Task NotifyAsync(DeploymentNotice notice, CancellationToken cancellationToken);
}
