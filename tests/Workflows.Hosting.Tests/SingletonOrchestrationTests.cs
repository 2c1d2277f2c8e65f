using Microsoft.DurableTask.Client;
using Serverless.Testing;
using Serverless.Workflows.TestWorker.Workflows;

namespace Serverless.Workflows.Hosting.Tests;

/// <summary>
/// <see cref="SingletonOrchestration"/> (the start behind the retrain and rollout routes, the schedule and the drift
/// monitor) against the real engine on Azurite: one instance per id while it runs, a fresh one once it has finished.
/// </summary>
public class SingletonOrchestrationTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task StartAsync_WhileTheInstanceRuns_StartsNothingAndNamesItsStatus_ThenAFinishedIdStartsAfresh()
    {
        await using var harness = await WorkflowHarness.StartAsync(azurite.ConnectionString);

        var first = await SingletonOrchestration.StartAsync(harness.Client, nameof(ApprovalOrchestrator), "singleton-a", 120, CancellationToken.None);
        await harness.Client.WaitForInstanceStartAsync("singleton-a");
        var second = await SingletonOrchestration.StartAsync(harness.Client, nameof(ApprovalOrchestrator), "singleton-a", 1, CancellationToken.None);

        Assert.Equal(new SingletonStart("singleton-a", null), first);
        Assert.True(first.Started);
        Assert.Equal(new SingletonStart("singleton-a", OrchestrationRuntimeStatus.Running), second);
        Assert.False(second.Started);

        // The second start changed nothing: the first run (120 s) is the one that answers the event.
        await harness.Client.RaiseEventAsync("singleton-a", "Approval", "first");
        Assert.Equal("first", (await harness.WaitAsync("singleton-a", Timeout)).ReadOutputAs<string>());
        var third = await SingletonOrchestration.StartAsync(harness.Client, nameof(ApprovalOrchestrator), "singleton-a", 1, CancellationToken.None);
        Assert.True(third.Started);
        Assert.Equal("timeout", (await harness.WaitAsync("singleton-a", Timeout)).ReadOutputAs<string>());
    }

    [Fact]
    public async Task StartAsync_FourAtOnce_StartsExactlyOne_AndTheOthersNameIt()
    {
        await using var harness = await WorkflowHarness.StartAsync(azurite.ConnectionString);

        var starts = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ =>
            Task.Run(() => SingletonOrchestration.StartAsync(harness.Client, nameof(ApprovalOrchestrator), "singleton-burst", 120, CancellationToken.None))));

        Assert.Single(starts, s => s.Started);
        Assert.All(starts.Where(s => !s.Started), s => Assert.Equal("singleton-burst", s.InstanceId));
        await harness.Client.RaiseEventAsync("singleton-burst", "Approval", "only");
        Assert.Equal("only", (await harness.WaitAsync("singleton-burst", Timeout)).ReadOutputAs<string>());
    }
}
