using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Options;
using Serverless.Core.Monitoring;
using Serverless.Core.Monitoring.DriftMonitoring;
using Serverless.Workflows.Monitoring;

namespace Serverless.Functions.Monitoring;

/// <summary>Runs <see cref="DriftMonitor"/> on the <c>%DriftSchedule%</c> timer (the local host runs it on a hosted timer).</summary>
public sealed class DriftMonitorFunction(DriftMonitor monitor, IOptions<DriftOptions> options)
{
    [Function("DriftMonitor")]
    public Task Run([TimerTrigger("%DriftSchedule%")] TimerInfo timer, [DurableClient] DurableTaskClient client, CancellationToken cancellationToken) =>
        monitor.RunAsync(new DurableRetrainStarter(client, options), cancellationToken);
}
