using Serverless.Core.Workflows;
using Serverless.Durable.TestWorker;
using Serverless.Testing;

namespace Serverless.Durable.Tests.Engine;

public class DurableEngineTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private static void Register(WorkflowRegistry registry) => registry
        .AddOrchestrator("EventAfterActivity", async context =>
        {
            await context.CallActivityAsync<string>("Echo", "x");
            return await context.WaitForExternalEvent<string>("go");
        })
        .AddOrchestrator("Approval", async context =>
        {
            using var cts = new CancellationTokenSource();
            var timeout = context.CreateTimer(context.CurrentUtcDateTime + TimeSpan.FromMilliseconds(context.GetInput<int>()), cts.Token);
            var approval = context.WaitForExternalEvent<string>("approve");
            if (await Task.WhenAny(approval, timeout) == approval)
            {
                cts.Cancel();
                return "approved by " + approval.Result;
            }

            return "timed out";
        })
        .AddOrchestrator("Parent", async context =>
        {
            var child = await context.CallSubOrchestratorAsync<string>("EchoChild", "hello");
            try
            {
                await context.CallSubOrchestratorAsync<string>("FailingChild", "bad", context.InstanceId + "-failing");
                return child + ", no failure";
            }
            catch (WorkflowTaskFailedException e)
            {
                return $"{child}, {e.TaskName} failed: {e.FailureDetails.ErrorMessage}";
            }
        })
        .AddOrchestrator("EchoChild", context => context.CallActivityAsync<string>("Echo", context.GetInput<string>() + " from child"))
        .AddOrchestrator("FailingChild", context => context.CallActivityAsync<string>("Fail", context.GetInput<string>()))
        .AddOrchestrator("Counter", async context =>
        {
            var n = context.GetInput<int>();
            if (n < 5)
            {
                await context.CallActivityAsync<string>("Echo", n.ToString(System.Globalization.CultureInfo.InvariantCulture));
                context.ContinueAsNew(n + 1);
            }

            return n;
        })
        .AddOrchestrator("Unhandled", context => context.CallActivityAsync<string>("Fail", "activity broke"))
        .AddOrchestrator("FanOut", async context =>
        {
            var tasks = Enumerable.Range(0, 120).Select(i => context.CallActivityAsync<string>("Echo", new string('x', i % 3))).ToList();
            return (await Task.WhenAll(tasks)).Sum(s => s.Length);
        })
        .AddOrchestrator("Big", context => context.CallActivityAsync<string>("Repeat", 100_000))
        .AddActivity<int, string>("Repeat", (n, _) => Task.FromResult(new string('z', n)));

    [Fact]
    public async Task TimerSteps_EngineRestartedDuringTimer_CompletesWithoutRepeatingSteps()
    {
        await using var harness = await EngineHarness.StartAsync(azurite.ConnectionString, Register);
        var log = Path.GetTempFileName();
        var id = await harness.Client.StartAsync("TimerSteps", log);
        await harness.WaitUntilAsync(id, s => s.ReadCustomStatusAs<string>() == "waiting");

        await harness.StopEngineAsync(harness.Engines[0]);
        await harness.StartEngineAsync();
        var status = await harness.WaitAsync(id);

        Assert.Equal(WorkflowRuntimeStatus.Completed, status.RuntimeStatus);
        Assert.Equal("onetwo", status.ReadOutputAs<string>());
        Assert.Equal(1, ExecutionLog.Count(log, "step:one"));
        Assert.Equal(1, ExecutionLog.Count(log, "step:two"));
        Assert.Equal("done", status.ReadCustomStatusAs<string>());
    }

    [Fact]
    public async Task RaiseEvent_BeforeOrchestratorWaits_IsDelivered()
    {
        await using var harness = await EngineHarness.StartAsync(azurite.ConnectionString, Register);
        var id = await harness.Client.StartAsync("EventAfterActivity");
        await harness.Client.RaiseEventAsync(id, "go", "early bird");

        var status = await harness.WaitAsync(id);

        Assert.Equal("early bird", status.ReadOutputAs<string>());
    }

    [Fact]
    public async Task Approval_EventBeforeTimer_EventWins()
    {
        await using var harness = await EngineHarness.StartAsync(azurite.ConnectionString, Register);
        var id = await harness.Client.StartAsync("Approval", 60_000);
        await harness.WaitUntilAsync(id, s => s.RuntimeStatus == WorkflowRuntimeStatus.Running);
        await harness.Client.RaiseEventAsync(id, "approve", "ops");

        var status = await harness.WaitAsync(id);

        Assert.Equal("approved by ops", status.ReadOutputAs<string>());
    }

    [Fact]
    public async Task Approval_TimerBeforeEvent_TimesOut()
    {
        await using var harness = await EngineHarness.StartAsync(azurite.ConnectionString, Register);

        var status = await harness.RunAsync("Approval", 300);

        Assert.Equal("timed out", status.ReadOutputAs<string>());
    }

    [Fact]
    public async Task SubOrchestrations_ChildCompletesAndChildFails_ParentSeesBoth()
    {
        await using var harness = await EngineHarness.StartAsync(azurite.ConnectionString, Register);

        var status = await harness.RunAsync("Parent");

        Assert.Equal("hello from child, FailingChild failed: Task 'Fail' (#0) failed with an unhandled exception: bad", status.ReadOutputAs<string>());
    }

    [Fact]
    public async Task ContinueAsNew_FiveGenerations_KeepsOnlyTheLastExecutionsHistory()
    {
        await using var harness = await EngineHarness.StartAsync(azurite.ConnectionString, Register);

        var id = await harness.Client.StartAsync("Counter", 0);
        var status = await harness.WaitAsync(id);

        Assert.Equal(5, status.ReadOutputAs<int>());
        Assert.Equal(5, status.ReadInputAs<int>());
        var rows = await HistoryRows.CountAsync(azurite.ConnectionString, harness.Options.TaskHubName, id);
        Assert.Equal(3, rows); // ExecutionStarted, OrchestratorStarted, ExecutionCompleted of the last execution
    }

    [Fact]
    public async Task Unhandled_ActivityThrows_InstanceFailsWithDetails()
    {
        await using var harness = await EngineHarness.StartAsync(azurite.ConnectionString, Register);

        var status = await harness.RunAsync("Unhandled");

        Assert.Equal(WorkflowRuntimeStatus.Failed, status.RuntimeStatus);
        Assert.Equal(typeof(WorkflowTaskFailedException).FullName, status.FailureDetails!.ErrorType);
        Assert.Contains("Task 'Fail' (#0) failed", status.FailureDetails.ErrorMessage);
        Assert.Equal("activity broke", status.FailureDetails.InnerFailure!.ErrorMessage);
    }

    [Fact]
    public async Task FanOut_MoreActionsThanOneTransaction_CommitsAndCompletes()
    {
        await using var harness = await EngineHarness.StartAsync(azurite.ConnectionString, Register);

        var status = await harness.RunAsync("FanOut");

        Assert.Equal(Enumerable.Range(0, 120).Sum(i => i % 3), status.ReadOutputAs<int>());
    }

    [Fact]
    public async Task Big_ResultLargerThanOneTableProperty_RoundTrips()
    {
        await using var harness = await EngineHarness.StartAsync(azurite.ConnectionString, Register);

        var status = await harness.RunAsync("Big");

        Assert.Equal(100_000, status.ReadOutputAs<string>()!.Length);
    }

    [Fact]
    public async Task Timer_LongerThanMaxQueueDelay_IsReArmedAndFiresOnTime()
    {
        await using var harness = await EngineHarness.StartAsync(
            azurite.ConnectionString, Register, o => o.MaxTimerQueueDelay = TimeSpan.FromSeconds(1));
        var started = DateTime.UtcNow;

        var status = await harness.RunAsync("Approval", 3_500, TimeSpan.FromSeconds(60));

        Assert.Equal("timed out", status.ReadOutputAs<string>());
        Assert.InRange(DateTime.UtcNow - started, TimeSpan.FromSeconds(3.5), TimeSpan.FromSeconds(60)); // that it fires, not how fast: a loaded machine is slow
    }
}
