using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Serverless.Core.Scoring;

/// <summary>
/// Refreshes <see cref="ModelProvider"/>'s cached deployment state every
/// <see cref="ScoringOptions.DeploymentRefreshInterval"/>, so the request path never reads storage once warm.
/// </summary>
public sealed class DeploymentRefreshService(
    ModelProvider provider, IOptions<ScoringOptions> options, TimeProvider time, ILogger<DeploymentRefreshService> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.DeploymentRefreshInterval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
            {
                try
                {
                    await provider.RefreshAsync(stoppingToken).ConfigureAwait(false);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // One failed sweep must not stop later ones; the cached routes keep serving meanwhile.
                    logger.LogError(e, "Deployment refresh failed.");
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Host shutdown.
        }
    }
}
