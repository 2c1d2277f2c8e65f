using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Options;
using Serverless.Core.Monitoring;
using Serverless.Core.Monitoring.DriftMonitoring;
using Serverless.Workflows.Monitoring;

namespace Serverless.LocalHost.Monitoring;

/// <summary>Runs <see cref="DriftMonitor"/> every <see cref="DriftOptions.Interval"/> (Functions: the <c>DriftMonitor</c> timer trigger).</summary>
internal sealed class DriftMonitorService(DriftMonitor monitor, DurableTaskClient client, IOptions<DriftOptions> options, TimeProvider time)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var retrain = new DurableRetrainStarter(client, options);
        using var timer = new PeriodicTimer(options.Value.Interval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                await monitor.RunAsync(retrain, stoppingToken); // logs and skips a failing model; never throws for one
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
