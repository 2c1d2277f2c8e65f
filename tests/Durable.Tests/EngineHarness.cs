using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Serverless.Core.Workflows;
using Serverless.Durable.TestWorker;
using Serverless.Testing;

namespace Serverless.Durable.Tests;

/// <summary>Engines and a client on a fresh task hub in Azurite, with the test workflows registered.</summary>
internal sealed class EngineHarness : IAsyncDisposable
{
    private readonly ServiceProvider _services = new ServiceCollection().BuildServiceProvider();
    private readonly WorkflowRegistry _registry;
    private readonly List<DurableEngine> _engines = [];

    private EngineHarness(DurableEngineOptions options, WorkflowRegistry registry)
    {
        Options = options;
        _registry = registry;
        Client = new DurableWorkflowClient(options, NullLogger<DurableWorkflowClient>.Instance);
    }

    public DurableEngineOptions Options { get; }

    public DurableWorkflowClient Client { get; }

    public IReadOnlyList<DurableEngine> Engines => _engines;

    public static async Task<EngineHarness> StartAsync(
        string connectionString, Action<WorkflowRegistry>? register = null, Action<DurableEngineOptions>? configure = null, int engines = 1)
    {
        var options = TestEngineOptions.Create(connectionString, AzuriteFixture.UniqueName("hub"));
        configure?.Invoke(options);
        var registry = TestWorkflows.Register(new WorkflowRegistry());
        register?.Invoke(registry);
        var harness = new EngineHarness(options, registry);
        for (var i = 0; i < engines; i++)
        {
            await harness.StartEngineAsync();
        }

        return harness;
    }

    /// <summary>Starts one more engine on the same task hub, as another process would.</summary>
    public async Task<DurableEngine> StartEngineAsync()
    {
        var options = TestEngineOptions.Create(Options.ConnectionString!, Options.TaskHubName);
        options.MaxTimerQueueDelay = Options.MaxTimerQueueDelay;
        var engine = new DurableEngine(options, _registry, _services, NullLoggerFactory.Instance);
        await engine.StartAsync(CancellationToken.None);
        _engines.Add(engine);
        return engine;
    }

    public async Task StopEngineAsync(DurableEngine engine)
    {
        await engine.StopAsync(CancellationToken.None);
        _engines.Remove(engine);
    }

    /// <summary>Starts an instance and waits (bounded) for it to finish.</summary>
    public async Task<WorkflowStatus> RunAsync(string name, object? input = null, TimeSpan? timeout = null)
    {
        var id = await Client.StartAsync(name, input);
        return await WaitAsync(id, timeout);
    }

    public async Task<WorkflowStatus> WaitAsync(string instanceId, TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(30));
        return await Client.WaitForCompletionAsync(instanceId, cts.Token);
    }

    /// <summary>Polls until the status satisfies <paramref name="condition"/>.</summary>
    public async Task<WorkflowStatus> WaitUntilAsync(string instanceId, Func<WorkflowStatus, bool> condition, TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(30));
        while (true)
        {
            if (await Client.GetStatusAsync(instanceId, cts.Token) is { } status && condition(status))
            {
                return status;
            }

            await Task.Delay(50, cts.Token);
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var engine in _engines.ToList())
        {
            await engine.DisposeAsync();
        }

        await _services.DisposeAsync();
    }
}
