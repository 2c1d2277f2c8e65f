using Serverless.Core.Workflows;
using Serverless.Durable.History;
using Serverless.Durable.Replay;
using Serverless.Durable.Storage;
using Serverless.Testing;

namespace Serverless.Durable.Tests.Engine;

public class DurableWorkflowClientTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    // Flipped by a test to change the orchestrator's code between two episodes of one instance.
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, bool> Changed = new();

    private static void Register(WorkflowRegistry registry) => registry
        .AddOrchestrator("WaitForGo", context => context.WaitForExternalEvent<string>("go"))
        .AddOrchestrator("Echoing", context => context.CallActivityAsync<string>("Echo", context.GetInput<string>()))
        .AddOrchestrator("Changing", async context =>
        {
            await context.CallActivityAsync<string>(Changed.ContainsKey(context.InstanceId) ? "Fail" : "Echo", "x");
            return await context.WaitForExternalEvent<string>("continue");
        });

    [Fact]
    public async Task Start_IdOfRunningInstance_IsRefused()
    {
        await using var harness = await EngineHarness.StartAsync(azurite.ConnectionString, Register);
        var id = await harness.Client.StartAsync("WaitForGo", instanceId: "fixed-id");

        await Assert.ThrowsAsync<WorkflowInstanceExistsException>(() => harness.Client.StartAsync("WaitForGo", instanceId: id));
    }

    [Fact]
    public async Task Start_IdOfCompletedInstance_StartsItAfresh()
    {
        await using var harness = await EngineHarness.StartAsync(azurite.ConnectionString, Register);
        var id = await harness.Client.StartAsync("Echoing", "first", "reused");
        await harness.WaitAsync(id);

        await harness.Client.StartAsync("WaitForGo", instanceId: id);
        await harness.Client.RaiseEventAsync(id, "go", "second");
        var status = await harness.WaitAsync(id);

        Assert.Equal(("WaitForGo", "second"), (status.Name, status.ReadOutputAs<string>()));
    }

    [Fact]
    public async Task Terminate_RunningInstance_EndsTerminatedWithOutput()
    {
        await using var harness = await EngineHarness.StartAsync(azurite.ConnectionString, Register);
        var id = await harness.Client.StartAsync("WaitForGo");

        await harness.Client.TerminateAsync(id, "no longer needed");
        var status = await harness.WaitAsync(id);

        Assert.Equal(WorkflowRuntimeStatus.Terminated, status.RuntimeStatus);
        Assert.Equal("no longer needed", status.ReadOutputAs<string>());
    }

    [Fact]
    public async Task Purge_FinishedInstance_RemovesStatusAndHistory()
    {
        await using var harness = await EngineHarness.StartAsync(azurite.ConnectionString, Register);
        var running = await harness.Client.StartAsync("WaitForGo");
        var id = await harness.Client.StartAsync("Echoing", "x");
        await harness.WaitAsync(id);

        Assert.False(await harness.Client.PurgeAsync(running));
        Assert.True(await harness.Client.PurgeAsync(id));
        Assert.Null(await harness.Client.GetStatusAsync(id));
        Assert.Equal(0, await HistoryRows.CountAsync(azurite.ConnectionString, harness.Options.TaskHubName, id));
        Assert.False(await harness.Client.PurgeAsync(id));
    }

    [Fact]
    public async Task GetStatus_RestartOfFinishedIdInterruptedBeforeStatusRow_ReportsTheNewExecution()
    {
        await using var harness = await EngineHarness.StartAsync(azurite.ConnectionString, Register);
        var id = await harness.Client.StartAsync("Echoing", "first");
        await harness.WaitAsync(id);
        var history = new HistoryStore(new Azure.Data.Tables.TableClient(azurite.ConnectionString, harness.Options.TaskHubName + "History"));

        // A restart's first write (sentinel + ExecutionStarted) only: the status row still shows the finished run.
        var restarted = new Sentinel("WaitForGo", Durable.Engine.TaskHub.NewExecutionId(), 1, -1, WorkflowRuntimeStatus.Pending, null, null, DateTimeOffset.MinValue);
        var started = new HistoryEvent(HistoryEventType.ExecutionStarted, DateTime.UtcNow) { Name = "WaitForGo" };
        Assert.True(await history.TryCreateAsync(id, await history.GetSentinelAsync(id, CancellationToken.None), restarted, started, CancellationToken.None));
        var status = await harness.Client.GetStatusAsync(id);
        await harness.Client.RaiseEventAsync(id, "go", "second");
        var final = await harness.WaitAsync(id);

        Assert.Equal(("WaitForGo", WorkflowRuntimeStatus.Pending, null), (status!.Name, status.RuntimeStatus, status.SerializedOutput));
        Assert.Equal(("WaitForGo", "second"), (final.Name, final.ReadOutputAs<string>()));
    }

    [Fact]
    public async Task RaiseEvent_UnknownInstance_ThrowsNotFound()
    {
        await using var harness = await EngineHarness.StartAsync(azurite.ConnectionString, Register);

        await Assert.ThrowsAsync<WorkflowInstanceNotFoundException>(() => harness.Client.RaiseEventAsync("nobody", "go"));
        Assert.Null(await harness.Client.GetStatusAsync("nobody"));
    }

    [Fact]
    public async Task Replay_OrchestratorChangedWhileInFlight_FailsAsNonDeterministic()
    {
        await using var harness = await EngineHarness.StartAsync(azurite.ConnectionString, Register);
        var id = await harness.Client.StartAsync("Changing");
        // Running means the first episode committed TaskScheduled #0 ('Echo'); every later episode replays it.
        await harness.WaitUntilAsync(id, s => s.RuntimeStatus == WorkflowRuntimeStatus.Running);

        Changed[id] = true;
        await harness.Client.RaiseEventAsync(id, "continue", "now");
        var status = await harness.WaitAsync(id);

        Assert.Equal(WorkflowRuntimeStatus.Failed, status.RuntimeStatus);
        Assert.Equal(typeof(NonDeterministicOrchestrationException).FullName, status.FailureDetails!.ErrorType);
        Assert.Contains("history has TaskScheduled #0 (activity 'Echo') but the orchestrator now schedules TaskScheduled #0 (activity 'Fail')", status.FailureDetails.ErrorMessage);
    }
}
