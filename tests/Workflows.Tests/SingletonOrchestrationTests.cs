using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Moq;

namespace Serverless.Workflows.Tests;

/// <summary>
/// The branches of <see cref="SingletonOrchestration"/> that the real engine shows only by chance (a start refused because
/// another won the race), on a strict mock of the client. The plain branches run on DTFx in
/// tests/Workflows.Hosting.Tests/SingletonOrchestrationTests.cs.
/// </summary>
public class SingletonOrchestrationTests
{
    private const string Id = "rollout-churn";

    private static Mock<DurableTaskClient> Client(params OrchestrationRuntimeStatus?[] reads)
    {
        var client = new Mock<DurableTaskClient>(MockBehavior.Strict, "test");
        var next = new Queue<OrchestrationRuntimeStatus?>(reads);
        client.Setup(c => c.GetInstanceAsync(Id, false, It.IsAny<CancellationToken>()))
            .ReturnsAsync(() => next.Dequeue() is { } status ? new OrchestrationMetadata("RolloutOrchestrator", Id) { RuntimeStatus = status } : null);
        return client;
    }

    [Fact]
    public async Task StartAsync_RefusedBecauseAnotherStartWon_ReportsTheRunningInstance()
    {
        var client = Client(null, OrchestrationRuntimeStatus.Pending);
        client.Setup(c => c.ScheduleNewOrchestrationInstanceAsync(It.Is<TaskName>(n => n.Name == "RolloutOrchestrator"), 7, It.Is<StartOrchestrationOptions>(o => o.InstanceId == Id), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new InvalidOperationException("an orchestration with this id already exists"));

        var start = await SingletonOrchestration.StartAsync(client.Object, "RolloutOrchestrator", Id, 7, CancellationToken.None);

        Assert.Equal(new SingletonStart(Id, OrchestrationRuntimeStatus.Pending), start);
        Assert.False(start.Started);
    }

    [Fact]
    public async Task StartAsync_RefusedWithNothingRunning_Throws()
    {
        var client = Client(null, OrchestrationRuntimeStatus.Failed);
        client.Setup(c => c.ScheduleNewOrchestrationInstanceAsync(It.IsAny<TaskName>(), 7, It.IsAny<StartOrchestrationOptions>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new InvalidOperationException("storage unavailable"));

        var e = await Assert.ThrowsAsync<InvalidOperationException>(() => SingletonOrchestration.StartAsync(client.Object, "RolloutOrchestrator", Id, 7, CancellationToken.None));

        Assert.Equal("storage unavailable", e.Message);
    }

    [Fact]
    public async Task StartAsync_AFinishedInstance_IsReplacedByTheNewRun()
    {
        var client = Client(OrchestrationRuntimeStatus.Completed);
        client.Setup(c => c.ScheduleNewOrchestrationInstanceAsync(It.IsAny<TaskName>(), 7, It.Is<StartOrchestrationOptions>(o => o.InstanceId == Id), It.IsAny<CancellationToken>()))
            .ReturnsAsync(Id);

        var start = await SingletonOrchestration.StartAsync(client.Object, "RolloutOrchestrator", Id, 7, CancellationToken.None);

        Assert.True(start.Started);
        client.VerifyAll();
    }
}
