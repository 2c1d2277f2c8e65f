using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Serverless.Testing;
using Serverless.Workflows.TestWorker.Workflows;

namespace Serverless.Workflows.Hosting.Tests;

/// <summary>
/// Real faults on the real engine: a worker process killed with SIGKILL mid-activity and mid-timer, two hosts on one
/// task hub, and storage going away for 10 s.
/// </summary>
/// <remarks>
/// Recovery waits out the killed worker's partition leases (6 s in the test host) and message visibility (8 s); the
/// 90 s bounds leave room for a machine whose cores are saturated by other work. After an outage the storage SDK's
/// retries back off (up to a minute between attempts), so that test allows longer.
/// </remarks>
[Collection(FaultCollection.Name)]
public class FaultTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private static readonly TimeSpan Recovery = TimeSpan.FromSeconds(90);
    private static readonly TimeSpan OutageRecovery = TimeSpan.FromSeconds(180);

    [Fact]
    public async Task KilledDuringActivity_FreshProcess_CompletesAndRerunsOnlyTheActivityInFlight()
    {
        var hub = AzuriteFixture.UniqueName("kill");
        var log = Path.GetTempFileName();
        var client = ClientOnly(hub);
        using (var first = await WorkerProcess.StartAsync(azurite.ConnectionString, hub))
        {
            await client.ScheduleNewOrchestrationInstanceAsync(nameof(ActivityStepsOrchestrator), log, new StartOrchestrationOptions("activity-crash"));
            await OrchestrationTests.WaitForAsync(() => ExecutionLog.Count(log, "start:two") == 1, Recovery);
            await first.KillAsync();
        }

        using var second = await WorkerProcess.StartAsync(azurite.ConnectionString, hub);
        var status = await client.WaitAsync("activity-crash", Recovery);

        Assert.Equal("onetwothree", status.ReadOutputAs<string>());
        Assert.Equal(1, ExecutionLog.Count(log, "step:one"));
        // In flight when killed, so it runs again (at least once); the completed steps around it never repeat.
        Assert.True(ExecutionLog.Count(log, "start:two") >= 2);
        Assert.Equal(1, ExecutionLog.Count(log, "step:three"));
    }

    [Fact]
    public async Task KilledDuringTimer_FreshProcess_CompletesWithoutRepeatingSteps()
    {
        var hub = AzuriteFixture.UniqueName("kill");
        var log = Path.GetTempFileName();
        var client = ClientOnly(hub);
        var started = DateTimeOffset.UtcNow;
        using (var first = await WorkerProcess.StartAsync(azurite.ConnectionString, hub))
        {
            await client.ScheduleNewOrchestrationInstanceAsync(nameof(TimerStepsOrchestrator), log, new StartOrchestrationOptions("timer-crash"));
            await client.WaitUntilAsync("timer-crash", m => m.SerializedCustomStatus == "\"waiting\"", Recovery);
            await first.KillAsync();
        }

        using var second = await WorkerProcess.StartAsync(azurite.ConnectionString, hub);
        var status = await client.WaitAsync("timer-crash", Recovery);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, status.RuntimeStatus);
        Assert.Equal("onetwo", status.ReadOutputAs<string>());
        Assert.Equal(1, ExecutionLog.Count(log, "step:one"));
        Assert.Equal(1, ExecutionLog.Count(log, "step:two"));
        Assert.True(DateTimeOffset.UtcNow - started >= TimerStepsOrchestrator.Delay - TimeSpan.FromSeconds(1), "the timer was skipped");
    }

    [Fact]
    public async Task TwoHostsOnOneTaskHub_ManyInstances_EachStepRunsOnceAndBothHostsWork()
    {
        await using var harness = await WorkflowHarness.StartAsync(azurite.ConnectionString);
        using var second = await WorkerProcess.StartAsync(azurite.ConnectionString, harness.TaskHub);
        var ids = Enumerable.Range(0, 24).Select(i => $"pair-{i}").ToList();
        var logs = ids.ToDictionary(id => id, _ => Path.GetTempFileName());
        foreach (var id in ids)
        {
            await File.WriteAllTextAsync(logs[id], "start:two" + Environment.NewLine);
            await harness.Client.ScheduleNewOrchestrationInstanceAsync(nameof(ActivityStepsOrchestrator), logs[id], new StartOrchestrationOptions(id));
        }

        foreach (var id in ids)
        {
            Assert.Equal("onetwothree", (await harness.WaitAsync(id, Recovery)).ReadOutputAs<string>());
        }

        Assert.All(ids, id =>
        {
            Assert.Equal(1, ExecutionLog.Count(logs[id], "step:one"));
            Assert.Equal(1, ExecutionLog.Count(logs[id], "step:three"));
        });
        var workers = ids.SelectMany(id => ExecutionLog.Read(logs[id])).Where(l => l.StartsWith("pid:", StringComparison.Ordinal))
            .Select(l => l.Split(':')[1]).Distinct().ToList();
        Assert.Contains(second.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), workers);
        Assert.Contains(Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture), workers);
    }

    [Fact]
    public async Task StorageOutageOfTenSeconds_WhileInstancesRun_AllCompleteAfterwards()
    {
        await using var storage = await RestartableAzurite.StartAsync();
        await using var harness = await WorkflowHarness.StartAsync(storage.ConnectionString);
        var ids = new List<string>();
        for (var i = 0; i < 6; i++)
        {
            ids.Add(await harness.Client.ScheduleNewOrchestrationInstanceAsync(nameof(TimerStepsOrchestrator), Path.GetTempFileName()));
        }

        await harness.WaitUntilAsync(ids[^1], m => m.RuntimeStatus == OrchestrationRuntimeStatus.Running, Recovery);
        await storage.StopAsync();
        await Task.Delay(TimeSpan.FromSeconds(10));
        await storage.StartAgainAsync();

        foreach (var id in ids)
        {
            var status = await harness.WaitAsync(id, OutageRecovery);
            Assert.Equal(OrchestrationRuntimeStatus.Completed, status.RuntimeStatus);
            Assert.Equal("onetwo", status.ReadOutputAs<string>());
        }
    }

    /// <summary>A client without a worker, so all work happens in the worker processes the test starts and kills.</summary>
    private LocalDurableTaskClient ClientOnly(string hub) => new(
        new LocalTaskHub(Options.Create(new DurableTaskHostOptions { ConnectionString = azurite.ConnectionString, TaskHubName = hub }), NullLoggerFactory.Instance),
        WorkflowJson.Converter);
}
