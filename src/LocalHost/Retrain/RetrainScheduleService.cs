using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Options;
using Serverless.Workflows.Retrain;

namespace Serverless.LocalHost.Retrain;

/// <summary>Runs <see cref="RetrainScheduler"/> every <see cref="RetrainOptions.Interval"/> (Functions: the <c>RetrainSchedule</c> timer trigger).</summary>
internal sealed class RetrainScheduleService(RetrainScheduler scheduler, DurableTaskClient client, IOptions<RetrainOptions> options, TimeProvider time)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.Interval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                await scheduler.RunAsync(client, stoppingToken); // logs and skips a failing model; never throws for one
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
