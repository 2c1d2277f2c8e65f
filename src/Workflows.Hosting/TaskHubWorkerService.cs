using DurableTask.Core;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Worker;
using Microsoft.DurableTask.Worker.Shims;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Serverless.Workflows.Hosting;

/// <summary>
/// Runs the <see cref="WorkflowCatalog"/>'s orchestrators and activities in DTFx's <see cref="TaskHubWorker"/> on the
/// host's task hub, with the SDK's shims adapting <c>TaskOrchestrator</c>/<c>TaskActivity</c> classes.
/// </summary>
/// <remarks>
/// Starting does not hold up the host: the task hub is created and the worker started in the background, retrying
/// while storage is unreachable, so HTTP scoring is up before the workflow engine. <see cref="Ready"/> completes
/// when the worker is polling.
/// </remarks>
public sealed class TaskHubWorkerService : IHostedService, IAsyncDisposable
{
    private static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan StopGrace = TimeSpan.FromSeconds(10);

    private readonly LocalTaskHub _hub;
    private readonly TaskHubWorker _worker;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stopping = new();
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Lock _gate = new();
    private Task? _starting;
    private Task? _stop;

    public TaskHubWorkerService(
        LocalTaskHub hub, IOptions<WorkflowCatalog> catalog, DataConverter converter, IServiceProvider services, ILoggerFactory loggerFactory)
    {
        _hub = hub;
        _logger = loggerFactory.CreateLogger<TaskHubWorkerService>();
        var shims = new DurableTaskShimFactory(new DurableTaskWorkerOptions { DataConverter = converter }, loggerFactory);
        _worker = new TaskHubWorker(hub.Service, loggerFactory)
        {
            // The SDK reads TaskFailedException.FailureDetails; DTFx only fills them in this mode.
            ErrorPropagationMode = ErrorPropagationMode.UseFailureDetails,
        };
        _worker.AddTaskOrchestrations(catalog.Value.Orchestrators
            .Select(o => (ObjectCreator<TaskOrchestration>)new SdkObjectCreator<TaskOrchestration>(
                o.Key, () => shims.CreateOrchestration(o.Key, (ITaskOrchestrator)ActivatorUtilities.CreateInstance(services, o.Value)))).ToArray());
        _worker.AddTaskActivities(catalog.Value.Activities
            .Select(a => (ObjectCreator<TaskActivity>)new SdkObjectCreator<TaskActivity>(
                a.Key, () => shims.CreateActivity(a.Key, (ITaskActivity)ActivatorUtilities.CreateInstance(services, a.Value)))).ToArray());
    }

    /// <summary>Completes when the worker has started polling the task hub.</summary>
    public Task Ready => _ready.Task;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _starting = Task.Run(() => StartWorkerAsync(_stopping.Token), CancellationToken.None);
        return Task.CompletedTask;
    }

    /// <remarks>
    /// Safe to call more than once, at the same time, and after <see cref="DisposeAsync"/>: under WebApplicationFactory
    /// the factory's dispose and the app's own <c>Run()</c> both stop the host, and <c>Run()</c> then disposes the services
    /// while the other stop may still be on its way here. One stop serves every caller.
    /// </remarks>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        try
        {
            // The host's shutdown timeout bounds the wait; the stop goes on and DisposeAsync waits for it.
            await StopOnce().WaitAsync(cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The shutdown timeout passed (a loaded machine, a long work item): not a failed stop. DisposeAsync waits the rest.
        }
    }

    public async ValueTask DisposeAsync()
    {
        // Never dispose the worker under a stop still in progress (it would fault on its disposed locks).
        await Task.WhenAny(StopOnce(), Task.Delay(StopGrace));
        _worker.Dispose();
        _stopping.Dispose();
    }

    private Task StopOnce()
    {
        lock (_gate)
        {
            return _stop ??= StopWorkerAsync();
        }
    }

    private async Task StopWorkerAsync()
    {
        await _stopping.CancelAsync();
        if (_starting is not null)
        {
            await _starting;
        }

        if (_ready.Task.IsCompletedSuccessfully)
        {
            // Lets in-flight work items finish and releases the partition leases, so another host takes over at once.
            await _worker.StopAsync(isForced: false);
        }
    }

    private async Task StartWorkerAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await _hub.EnsureCreatedAsync(cancellationToken);
                await _worker.StartAsync();
                Log.WorkerStarted(_logger, _hub.Options.TaskHubName, _hub.Options.PartitionCount);
                _ready.TrySetResult();
                return;
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception e)
            {
                Log.WorkerStartFailed(_logger, e, _hub.Options.TaskHubName, RetryDelay);
                try
                {
                    await Task.Delay(RetryDelay, cancellationToken);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
            }
        }

        _ready.TrySetCanceled(cancellationToken);
    }
}
