using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Serverless.Testing;
using Serverless.Workflows.Hosting;
using Serverless.Workflows.TestWorker;

namespace Serverless.Workflows.Hosting.Tests;

/// <summary>Hosts running the test workflows on DTFx, on a fresh task hub in Azurite, and a client for it.</summary>
internal sealed class WorkflowHarness : IAsyncDisposable
{
    private readonly List<IHost> _hosts = [];

    private WorkflowHarness(string connectionString, string taskHub)
    {
        ConnectionString = connectionString;
        TaskHub = taskHub;
    }

    public string ConnectionString { get; }

    public string TaskHub { get; }

    /// <summary>The first host's client (any host's client sees the same task hub).</summary>
    public DurableTaskClient Client => _hosts[0].Services.GetRequiredService<DurableTaskClient>();

    public static async Task<WorkflowHarness> StartAsync(string connectionString, int hosts = 1, Action<DurableTaskHostOptions>? configure = null)
    {
        var harness = new WorkflowHarness(connectionString, AzuriteFixture.UniqueName("hub"));
        for (var i = 0; i < hosts; i++)
        {
            await harness.StartHostAsync(configure);
        }

        return harness;
    }

    /// <summary>Starts one more host on the same task hub, as another process would, and waits until it polls.</summary>
    public async Task<IHost> StartHostAsync(Action<DurableTaskHostOptions>? configure = null)
    {
        var host = TestHost.Build(ConnectionString, TaskHub, configure);
        await host.StartAsync();
        await host.Services.GetRequiredService<TaskHubWorkerService>().Ready.WaitAsync(TimeSpan.FromSeconds(60));
        _hosts.Add(host);
        return host;
    }

    public async Task<OrchestrationMetadata> RunAsync(string name, object? input = null, TimeSpan? timeout = null)
    {
        var id = await Client.ScheduleNewOrchestrationInstanceAsync(name, input);
        return await WaitAsync(id, timeout);
    }

    public Task<OrchestrationMetadata> WaitAsync(string instanceId, TimeSpan? timeout = null) => Client.WaitAsync(instanceId, timeout);

    public Task<OrchestrationMetadata> WaitUntilAsync(string instanceId, Func<OrchestrationMetadata, bool> condition, TimeSpan? timeout = null) =>
        Client.WaitUntilAsync(instanceId, condition, timeout);

    public async ValueTask DisposeAsync()
    {
        foreach (var host in _hosts)
        {
            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(20));
            await host.StopAsync(cts.Token);
            host.Dispose();
        }
    }
}
