using Microsoft.Extensions.DependencyInjection;
using Serverless.Testing;
using Serverless.Workflows.TestWorker;

namespace Serverless.Workflows.Hosting.Tests;

/// <summary>
/// Stopping the worker service the way hosts really do it: twice at once, and once more after the services are disposed
/// (WebApplicationFactory's dispose races the app's own <c>Run()</c>, which stops the host and then disposes it).
/// </summary>
public class WorkerServiceStopTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task StopTwiceAtOnceThenAfterDispose_NeverThrows()
    {
        using var host = TestHost.Build(azurite.ConnectionString, AzuriteFixture.UniqueName("stop"));
        await host.StartAsync();
        var service = host.Services.GetRequiredService<TaskHubWorkerService>();
        await service.Ready.WaitAsync(TimeSpan.FromSeconds(60));
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));

        await Task.WhenAll(service.StopAsync(cts.Token), service.StopAsync(cts.Token));
        await service.DisposeAsync();
        await service.StopAsync(cts.Token);
    }

    [Fact]
    public async Task DisposedBeforeStop_StopReturns()
    {
        using var host = TestHost.Build(azurite.ConnectionString, AzuriteFixture.UniqueName("stop"));
        await host.StartAsync();
        var service = host.Services.GetRequiredService<TaskHubWorkerService>();

        await service.DisposeAsync();
        await service.StopAsync(CancellationToken.None);
    }
}
