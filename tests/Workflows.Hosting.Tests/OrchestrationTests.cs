using Microsoft.DurableTask.Client;
using Serverless.Testing;
using Serverless.Workflows.TestWorker.Workflows;

namespace Serverless.Workflows.Hosting.Tests;

/// <summary>SDK orchestrators and activities on the real engine (DTFx, Azure Storage backend on Azurite).</summary>
public class OrchestrationTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task Activities_InSequence_CompleteWithTheirOutputs()
    {
        await using var harness = await WorkflowHarness.StartAsync(azurite.ConnectionString);
        var log = Path.GetTempFileName();
        await File.WriteAllTextAsync(log, "start:two" + Environment.NewLine); // BlockOnce then passes on its "second" run

        var result = await harness.RunAsync(nameof(ActivityStepsOrchestrator), log);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, result.RuntimeStatus);
        Assert.Equal("onetwothree", result.ReadOutputAs<string>());
    }

    [Fact]
    public async Task RetryPolicy_TransientFailures_SucceedsOnTheLastAttempt()
    {
        await using var harness = await WorkflowHarness.StartAsync(azurite.ConnectionString);
        var log = Path.GetTempFileName();

        var result = await harness.RunAsync(nameof(RetryOrchestrator), log);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, result.RuntimeStatus);
        Assert.Equal(FlakyActivity.Failures + 1, ExecutionLog.Count(log, "try:flaky"));
    }

    [Fact]
    public async Task ActivityThatAlwaysThrows_AfterRetries_FailsTheInstanceWithTheReason()
    {
        await using var harness = await WorkflowHarness.StartAsync(azurite.ConnectionString);

        var result = await harness.RunAsync(nameof(FailingOrchestrator), "model file is corrupt");

        Assert.Equal(OrchestrationRuntimeStatus.Failed, result.RuntimeStatus);
        Assert.NotNull(result.FailureDetails);
        Assert.Contains("model file is corrupt", result.FailureDetails!.ToString());
    }

    [Fact]
    public async Task Timer_FiresAfterItsDelay_AndCustomStatusFollowsTheSteps()
    {
        await using var harness = await WorkflowHarness.StartAsync(azurite.ConnectionString);
        var log = Path.GetTempFileName();
        var id = await harness.Client.ScheduleNewOrchestrationInstanceAsync(nameof(TimerStepsOrchestrator), log);

        var waiting = await harness.WaitUntilAsync(id, m => m.SerializedCustomStatus == "\"waiting\"");
        var result = await harness.WaitAsync(id);

        Assert.Equal("onetwo", result.ReadOutputAs<string>());
        Assert.Equal("done", result.ReadCustomStatusAs<string>());
        // Azurite's queue visibility has whole-second resolution, so a timer may fire up to ~1 s early there.
        Assert.True(result.LastUpdatedAt - waiting.LastUpdatedAt >= TimerStepsOrchestrator.Delay - TimeSpan.FromSeconds(1.5));
    }

    [Fact]
    public async Task ExternalEvent_RaisedBeforeTheTimer_WinsTheRace()
    {
        await using var harness = await WorkflowHarness.StartAsync(azurite.ConnectionString);
        var id = await harness.Client.ScheduleNewOrchestrationInstanceAsync(nameof(ApprovalOrchestrator), 120);
        await harness.WaitUntilAsync(id, m => m.SerializedCustomStatus is not null);

        await harness.Client.RaiseEventAsync(id, "Approval", "approved by ops");
        var result = await harness.WaitAsync(id);

        Assert.Equal("approved by ops", result.ReadOutputAs<string>());
    }

    [Fact]
    public async Task ExternalEvent_NeverRaised_TheTimerWins()
    {
        await using var harness = await WorkflowHarness.StartAsync(azurite.ConnectionString);

        var result = await harness.RunAsync(nameof(ApprovalOrchestrator), 1);

        Assert.Equal("timeout", result.ReadOutputAs<string>());
    }

    [Fact]
    public async Task SubOrchestration_WithContinueAsNew_ReturnsTheChildsResult()
    {
        await using var harness = await WorkflowHarness.StartAsync(azurite.ConnectionString);

        var result = await harness.RunAsync(nameof(ParentOrchestrator), 3);
        var child = await harness.Client.GetInstanceAsync(result.InstanceId + ":child", getInputsAndOutputs: true);

        Assert.Equal(30, result.ReadOutputAs<int>());
        Assert.Equal(OrchestrationRuntimeStatus.Completed, child!.RuntimeStatus);
        Assert.Equal("{\"done\":3}", child.SerializedCustomStatus);
    }

    [Fact]
    public async Task Payload_NestedRecordsEnumsNullsAndDates_RoundTripUnchanged()
    {
        await using var harness = await WorkflowHarness.StartAsync(azurite.ConnectionString);
        var input = new RoundTripPayload(
            "churn", PayloadKind.BlueGreen, new DateTimeOffset(2026, 12, 1, 8, 30, 15, 123, TimeSpan.FromHours(2)), null,
            [new RoundTripItem(1, null, new DateTime(2026, 1, 2, 3, 4, 5, DateTimeKind.Utc)), new RoundTripItem(2, "ünïcødé", DateTime.MinValue)],
            new RoundTripItem(3, "nested", new DateTime(2030, 6, 7, 0, 0, 0, DateTimeKind.Utc)));

        var result = await harness.RunAsync(nameof(RoundTripOrchestrator), input);
        var output = result.ReadOutputAs<RoundTripPayload>()!;

        Assert.Equal(input with { Items = [] }, output with { Items = [] });
        Assert.Equal(input.Items, output.Items);
        Assert.Equal(input, result.ReadCustomStatusAs<RoundTripPayload>()! with { Items = input.Items });
        // The project's JSON options throughout: camelCase names, enums as camelCase strings, nulls omitted.
        Assert.Contains("\"kind\":\"blueGreen\"", result.SerializedOutput);
        Assert.DoesNotContain("missing", result.SerializedOutput);
    }

    [Fact]
    public async Task ChangedOrchestratorCode_OnReplay_FailsTheInstanceAsNonDeterministic()
    {
        await using var harness = await WorkflowHarness.StartAsync(azurite.ConnectionString);
        var log = Path.GetTempFileName();
        NonDeterministicOrchestrator.Changed = false;
        var id = await harness.Client.ScheduleNewOrchestrationInstanceAsync(nameof(NonDeterministicOrchestrator), log);
        await WaitForAsync(() => ExecutionLog.Count(log, "step:first") == 1);
        await Task.Delay(500); // let the step's completion be recorded in history

        NonDeterministicOrchestrator.Changed = true;
        try
        {
            await harness.Client.RaiseEventAsync(id, "Continue", "go");
            var result = await harness.WaitAsync(id);

            Assert.Equal(OrchestrationRuntimeStatus.Failed, result.RuntimeStatus);
            Assert.Contains("NonDeterministic", result.FailureDetails!.ToString(), StringComparison.OrdinalIgnoreCase);
        }
        finally
        {
            NonDeterministicOrchestrator.Changed = false;
        }
    }

    internal static async Task WaitForAsync(Func<bool> condition, TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(60));
        while (!condition())
        {
            await Task.Delay(50, cts.Token);
        }
    }
}
