using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Serverless.GpuServing.Hosting;

namespace Serverless.GpuServing.Models;

/// <summary>
/// Preloads the configured models (the app is ready once all are warmed), then refreshes routes every
/// <see cref="GpuServingOptions.RefreshInterval"/>. On stop, after the server has finished its requests,
/// drains every queue and unloads every version.
/// </summary>
internal sealed class ModelCatalogService(ModelCatalog catalog, IOptions<GpuServingOptions> options, ILogger<ModelCatalogService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.RefreshInterval);
        try
        {
            await catalog.PreloadAsync(stoppingToken);
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    if (!catalog.IsReady)
                    {
                        await catalog.PreloadAsync(stoppingToken);
                    }

                    await catalog.RefreshAsync(stoppingToken);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    logger.RefreshLoopFailed(e);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        await catalog.DisposeAsync();
    }
}
