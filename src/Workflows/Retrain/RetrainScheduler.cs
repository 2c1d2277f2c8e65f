using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Serverless.Core.Models;
using Serverless.Core.Monitoring.DriftMonitoring;

namespace Serverless.Workflows.Retrain;

/// <summary>
/// The retrain schedule, one handler for both hosts (the Functions <c>RetrainSchedule</c> timer on <c>%RetrainSchedule%</c>,
/// a hosted timer every <see cref="RetrainOptions.Interval"/> in the local host): starts a retrain with reason
/// <c>schedule</c> of each of <see cref="RetrainOptions.ScheduledModels"/>, with the model's last spec on new data.
/// </summary>
/// <remarks>
/// A model whose retrain is still running is skipped (one per model, <see cref="RetrainStarter"/>); an unknown model or
/// a failed start is logged and the others still start. Thread-safe singleton.
/// </remarks>
public sealed class RetrainScheduler(IModelRegistry registry, IOptions<RetrainOptions> options, TimeProvider time, ILogger<RetrainScheduler> logger)
{
    /// <summary>The reason and the requester a scheduled retrain carries.</summary>
    public const string Reason = "schedule";

    /// <summary>Starts the scheduled models' retrains; returns what each start did (unknown or failed models are left out).</summary>
    public async Task<IReadOnlyList<SingletonStart>> RunAsync(DurableTaskClient client, CancellationToken cancellationToken = default)
    {
        var starts = new List<SingletonStart>();
        foreach (var model in options.Value.Scheduled())
        {
            try
            {
                var champion = (await registry.GetDeploymentAsync(model, cancellationToken))?.Champion;
                if (champion is null && (await registry.ListVersionsAsync(model, cancellationToken)).Count == 0)
                {
                    logger.ScheduledModelUnknown(model);
                    continue;
                }

                var request = new RetrainRequest(model, Reason, champion ?? 0, "scheduled retrain", time.GetUtcNow(), RequestedBy: Reason);
                var start = await RetrainStarter.StartAsync(client, request, cancellationToken);
                if (start.Started)
                {
                    logger.ScheduledRetrainStarted(model, start.InstanceId);
                }
                else
                {
                    logger.ScheduledRetrainStillRunning(model, start.InstanceId);
                }

                starts.Add(start);
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                logger.ScheduledRetrainFailed(model, e);
            }
        }

        return starts;
    }
}
