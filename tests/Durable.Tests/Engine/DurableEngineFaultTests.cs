using Serverless.Core.Workflows;
using Serverless.Durable.TestWorker;
using Serverless.Testing;

namespace Serverless.Durable.Tests.Engine;

/// <summary>Kills an engine process (SIGKILL) mid-activity and mid-timer, restarts it, and checks the outcome.</summary>
/// <remarks>
/// Recovery waits out one visibility timeout (10 s in <see cref="TestEngineOptions"/>); the 60 s bounds leave room for
/// a machine whose cores are saturated by other work.
/// </remarks>
public class DurableEngineFaultTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private static readonly TimeSpan Recovery = TimeSpan.FromSeconds(60);

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
        using var cts = new CancellationTokenSource(Recovery);
        var status = await client.WaitForCompletionAsync("activity-crash", cts.Token);

        Assert.Equal("onetwothree", status.ReadOutputAs<string>());
        Assert.Equal(1, ExecutionLog.Count(log, "step:one"));
        // In flight when killed, so it runs again; a loaded machine may let its visibility lapse and run it more often
        // (at-least-once). The completed steps around it must not repeat.
        Assert.True(ExecutionLog.Count(log, "start:two") >= 2, $"start:two ran {ExecutionLog.Count(log, "start:two")} times");
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
        using var cts = new CancellationTokenSource(Recovery);
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
        using var cts = new CancellationTokenSource(Recovery);
        while (!await condition())
        {
            await Task.Delay(50, cts.Token);
        }
    }
}
