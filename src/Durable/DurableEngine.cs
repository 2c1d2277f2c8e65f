using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Serverless.Core.Workflows;
using Serverless.Durable.Engine;

namespace Serverless.Durable;

/// <summary>
/// The embedded durable engine: runs the orchestrators and activities of a <see cref="WorkflowRegistry"/> from a
/// task hub in Azure Storage (Azurite locally), with the replay semantics of Durable Functions.
/// </summary>
/// <remarks>
/// <para>Each wake-up of an instance is an episode: under a lease on the instance, its history is loaded, the
/// orchestrator is replayed from the start with the new events, the new events and actions are committed to history
/// in one conditional write, and then the actions are dispatched (activity messages, timer messages, children).</para>
/// <para>Several engines (processes) may share one task hub: at most one runs an episode of a given instance at a
/// time. Activities run at least once: an activity in flight when its worker dies runs again on another.</para>
/// </remarks>
public sealed partial class DurableEngine : IHostedService, IAsyncDisposable
{
    private readonly TaskHub _hub;
    private readonly DurableEngineOptions _options;
    private readonly WorkflowRegistry _registry;
    private readonly IServiceProvider _services;
    private readonly ILoggerFactory _loggers;
    private readonly ILogger _logger;
    private CancellationTokenSource? _stopping;
    private Task? _running;
    private long _episodes;

    public DurableEngine(DurableEngineOptions options, WorkflowRegistry registry, IServiceProvider services, ILoggerFactory loggers)
    {
        _hub = new TaskHub(options);
        _options = options;
        _registry = registry;
        _services = services;
        _loggers = loggers;
        _logger = loggers.CreateLogger<DurableEngine>();
    }

    /// <summary>Episodes this engine has run (diagnostics and tests).</summary>
    public long EpisodeCount => Interlocked.Read(ref _episodes);

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (_running is not null)
        {
            throw new InvalidOperationException("The engine is already running.");
        }

        await _hub.Storage.EnsureCreatedAsync(cancellationToken);
        _stopping = new CancellationTokenSource();
        var control = new QueuePoller(
            _hub.Storage.Control, _hub.ControlSignal, _options.MaxConcurrentOrchestrations, _options.ControlVisibilityTimeout,
            _options.MaxPollingInterval, HandleControlMessageAsync, _logger);
        var work = new QueuePoller(
            _hub.Storage.WorkItems, _hub.WorkSignal, _options.MaxConcurrentActivities, _options.ActivityVisibilityTimeout,
            _options.MaxPollingInterval, HandleActivityMessageAsync, _logger);
        var token = _stopping.Token;
        _running = Task.WhenAll(Task.Run(() => control.RunAsync(token), CancellationToken.None), Task.Run(() => work.RunAsync(token), CancellationToken.None));
        Logs.EngineStarted(_logger, _options.WorkerId, _options.TaskHubName);
    }

    /// <summary>Stops polling, cancels running activities (their messages reappear) and waits for in-flight work.</summary>
    /// <remarks>Idempotent and safe to call concurrently (the host stops it, then the container disposes it).</remarks>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        var running = _running;
        if (running is null || _stopping is null)
        {
            return;
        }

        _stopping.Cancel();
        await running.WaitAsync(cancellationToken);
    }

    /// <remarks>Idempotent. The cancellation source is not disposed: a host may dispose the engine more than once.</remarks>
    public async ValueTask DisposeAsync() => await StopAsync(CancellationToken.None);
}
