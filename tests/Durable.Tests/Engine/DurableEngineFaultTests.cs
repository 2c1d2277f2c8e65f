using Serverless.Core.Workflows;
using Serverless.Durable.TestWorker;
using Serverless.Testing;

namespace Serverless.Durable.Tests.Engine;

/// <summary>Kills an engine process (SIGKILL) mid-activity and mid-timer, restarts it, and checks the outcome.</summary>
public class DurableEngineFaultTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task KilledDuringActivity_AfterRestart_CompletesAndRerunsOnlyTheActivityInFlight()
    {
        var hub = AzuriteFixture.UniqueName("kill");
        var log = Path.GetTempFileName();
        var client = new DurableWorkflowClient(TestEngineOptions.Create(azurite.ConnectionString, hub), Microsoft.Extensions.Logging.Abstractions.NullLogger<DurableWorkflowClient>.Instance);
        using (var first = await WorkerProcess.StartAsync(azurite.ConnectionString, hub))
        {
            var id = await client.StartAsync("ActivitySteps", log, "activity-crash");
            await WaitForAsync(() => ExecutionLog.Count(log, "start:two") == 1);
            await first.KillAsync();
        }

        using var second = await WorkerProcess.StartAsync(azurite.ConnectionString, hub);
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var status = await client.WaitForCompletionAsync("activity-crash", cts.Token);

        Assert.Equal("onetwothree", status.ReadOutputAs<string>());
        Assert.Equal(1, ExecutionLog.Count(log, "step:one"));
        Assert.Equal(2, ExecutionLog.Count(log, "start:two")); // in flight when killed: runs again (at-least-once)
        Assert.Equal(1, ExecutionLog.Count(log, "step:three"));
    }

    [Fact]
    public async Task KilledDuringTimer_AfterRestart_CompletesWithoutRepeatingSteps()
    {
        var hub = AzuriteFixture.UniqueName("kill");
        var log = Path.GetTempFileName();
        var client = new DurableWorkflowClient(TestEngineOptions.Create(azurite.ConnectionString, hub), Microsoft.Extensions.Logging.Abstractions.NullLogger<DurableWorkflowClient>.Instance);
        var started = DateTime.UtcNow;
        using (var first = await WorkerProcess.StartAsync(azurite.ConnectionString, hub))
        {
            await client.StartAsync("TimerSteps", log, "timer-crash");
            await WaitForAsync(async () => (await client.GetStatusAsync("timer-crash"))?.ReadCustomStatusAs<string>() == "waiting");
            await first.KillAsync();
        }

        using var second = await WorkerProcess.StartAsync(azurite.ConnectionString, hub);
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var status = await client.WaitForCompletionAsync("timer-crash", cts.Token);

        Assert.Equal(WorkflowRuntimeStatus.Completed, status.RuntimeStatus);
        Assert.Equal("onetwo", status.ReadOutputAs<string>());
        Assert.Equal(1, ExecutionLog.Count(log, "step:one"));
        Assert.Equal(1, ExecutionLog.Count(log, "step:two"));
        Assert.True(DateTime.UtcNow - started >= TestWorkflows.CrashTimerDelay, "the timer was not skipped");
    }

    private static Task WaitForAsync(Func<bool> condition) => WaitForAsync(() => Task.FromResult(condition()));

    private static async Task WaitForAsync(Func<Task<bool>> condition)
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (!await condition())
        {
            await Task.Delay(50, cts.Token);
        }
    }
}
