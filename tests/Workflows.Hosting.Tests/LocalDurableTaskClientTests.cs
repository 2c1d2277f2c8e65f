using DurableTask.Core.Exceptions;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Serverless.Testing;
using Serverless.Workflows.TestWorker.Workflows;

namespace Serverless.Workflows.Hosting.Tests;

/// <summary>Every <see cref="LocalDurableTaskClient"/> operation against the real engine on Azurite.</summary>
public class LocalDurableTaskClientTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task Schedule_WithInstanceIdAndStartTime_StartsNoEarlier()
    {
        await using var harness = await WorkflowHarness.StartAsync(azurite.ConnectionString);
        var startAt = DateTimeOffset.UtcNow.AddSeconds(3);

        var id = await harness.Client.ScheduleNewOrchestrationInstanceAsync(
            nameof(ApprovalOrchestrator), 1, new StartOrchestrationOptions("scheduled-1", startAt));
        var pending = await harness.Client.GetInstanceAsync(id);
        var started = await harness.Client.WaitForInstanceStartAsync(id);

        Assert.Equal("scheduled-1", id);
        Assert.Equal(OrchestrationRuntimeStatus.Pending, pending!.RuntimeStatus);
        Assert.NotEqual(OrchestrationRuntimeStatus.Pending, started.RuntimeStatus);
        // Azurite's queue visibility has whole-second resolution.
        Assert.True(DateTimeOffset.UtcNow >= startAt - TimeSpan.FromSeconds(1));
    }

    [Fact]
    public async Task Schedule_IdOfARunningInstance_ThrowsAndAFinishedIdStartsAfresh()
    {
        await using var harness = await WorkflowHarness.StartAsync(azurite.ConnectionString);
        var options = new StartOrchestrationOptions("reused");
        await harness.Client.ScheduleNewOrchestrationInstanceAsync(nameof(ApprovalOrchestrator), 120, options);
        await harness.Client.WaitForInstanceStartAsync("reused");

        await Assert.ThrowsAsync<OrchestrationAlreadyExistsException>(
            () => harness.Client.ScheduleNewOrchestrationInstanceAsync(nameof(ApprovalOrchestrator), 120, options));

        await harness.Client.RaiseEventAsync("reused", "Approval", "first");
        Assert.Equal("first", (await harness.WaitAsync("reused")).ReadOutputAs<string>());
        await harness.Client.ScheduleNewOrchestrationInstanceAsync(nameof(ApprovalOrchestrator), 1, options);
        Assert.Equal("timeout", (await harness.WaitAsync("reused")).ReadOutputAs<string>());
    }

    [Fact]
    public async Task GetInstance_WithInputsAndOutputs_ReadsThemBack_AndUnknownIdIsNull()
    {
        await using var harness = await WorkflowHarness.StartAsync(azurite.ConnectionString);
        var done = await harness.RunAsync(nameof(ParentOrchestrator), 2);

        var full = await harness.Client.GetInstanceAsync(done.InstanceId, getInputsAndOutputs: true);
        var bare = await harness.Client.GetInstanceAsync(done.InstanceId);

        Assert.Equal(nameof(ParentOrchestrator), full!.Name);
        Assert.Equal(2, full.ReadInputAs<int>());
        Assert.Equal(20, full.ReadOutputAs<int>());
        Assert.True(full.CreatedAt <= full.LastUpdatedAt);
        Assert.Null(bare!.SerializedInput);
        Assert.Null(await harness.Client.GetInstanceAsync("no-such-instance"));
    }

    [Fact]
    public async Task Terminate_RunningInstance_EndsTerminatedWithTheReason()
    {
        await using var harness = await WorkflowHarness.StartAsync(azurite.ConnectionString);
        var id = await harness.Client.ScheduleNewOrchestrationInstanceAsync(nameof(ApprovalOrchestrator), 120);
        await harness.Client.WaitForInstanceStartAsync(id);

        await harness.Client.TerminateInstanceAsync(id, "operator stopped it");
        var result = await harness.WaitAsync(id);

        Assert.Equal(OrchestrationRuntimeStatus.Terminated, result.RuntimeStatus);
        Assert.Equal("operator stopped it", result.ReadOutputAs<string>());
    }

    [Fact]
    public async Task SuspendAndResume_EventWhileSuspended_IsHandledAfterResume()
    {
        await using var harness = await WorkflowHarness.StartAsync(azurite.ConnectionString);
        var id = await harness.Client.ScheduleNewOrchestrationInstanceAsync(nameof(ApprovalOrchestrator), 120);
        await harness.WaitUntilAsync(id, m => m.SerializedCustomStatus is not null);

        await harness.Client.SuspendInstanceAsync(id, "maintenance");
        await harness.WaitUntilAsync(id, m => m.RuntimeStatus == OrchestrationRuntimeStatus.Suspended);
        await harness.Client.RaiseEventAsync(id, "Approval", "while suspended");
        await Task.Delay(1000);
        var stillSuspended = await harness.Client.GetInstanceAsync(id);
        await harness.Client.ResumeInstanceAsync(id, "done");
        var result = await harness.WaitAsync(id);

        Assert.Equal(OrchestrationRuntimeStatus.Suspended, stillSuspended!.RuntimeStatus);
        Assert.Equal("while suspended", result.ReadOutputAs<string>());
    }

    [Fact]
    public async Task Query_ByStatusCreatedRangeAndPrefix_PagesThroughMatches()
    {
        await using var harness = await WorkflowHarness.StartAsync(azurite.ConnectionString);
        var before = DateTimeOffset.UtcNow.AddSeconds(-1);
        for (var i = 0; i < 5; i++)
        {
            await harness.Client.ScheduleNewOrchestrationInstanceAsync(nameof(CounterOrchestrator), new CounterState(0, i), new StartOrchestrationOptions($"q-done-{i}"));
        }

        await harness.Client.ScheduleNewOrchestrationInstanceAsync(nameof(ApprovalOrchestrator), 120, new StartOrchestrationOptions("q-open"));
        for (var i = 0; i < 5; i++)
        {
            await harness.WaitAsync($"q-done-{i}");
        }

        await harness.Client.WaitForInstanceStartAsync("q-open");

        var pages = await harness.Client.GetAllInstancesAsync(new OrchestrationQuery
        {
            InstanceIdPrefix = "q-done-", CreatedFrom = before, CreatedTo = DateTimeOffset.UtcNow.AddSeconds(1),
            Statuses = [OrchestrationRuntimeStatus.Completed], PageSize = 2,
        }).AsPages().CollectAsync();
        var running = await harness.Client.GetAllInstancesAsync(new OrchestrationQuery { Statuses = [OrchestrationRuntimeStatus.Running] }).CollectAsync();

        Assert.True(pages.Count >= 3, $"{pages.Count} pages");
        Assert.All(pages, p => Assert.True(p.Values.Count <= 2));
        Assert.Equal(Enumerable.Range(0, 5).Select(i => $"q-done-{i}"), pages.SelectMany(p => p.Values).Select(m => m.InstanceId).Order());
        Assert.Equal(["q-open"], running.Select(m => m.InstanceId));
    }

    [Fact]
    public async Task Purge_OneAndByFilter_RemovesOnlyFinishedInstances()
    {
        await using var harness = await WorkflowHarness.StartAsync(azurite.ConnectionString);
        var one = await harness.RunAsync(nameof(CounterOrchestrator), new CounterState(0, 1));
        var two = await harness.RunAsync(nameof(CounterOrchestrator), new CounterState(0, 2));
        var open = await harness.Client.ScheduleNewOrchestrationInstanceAsync(nameof(ApprovalOrchestrator), 120);
        await harness.Client.WaitForInstanceStartAsync(open);

        await Assert.ThrowsAsync<InvalidOperationException>(() => harness.Client.PurgeInstanceAsync(open));
        var purgedOne = await harness.Client.PurgeInstanceAsync(one.InstanceId);
        var purgedAll = await harness.Client.PurgeAllInstancesAsync(new PurgeInstancesFilter(DateTimeOffset.UtcNow.AddMinutes(-5)));

        Assert.Equal(1, purgedOne.PurgedInstanceCount);
        Assert.Equal(1, purgedAll.PurgedInstanceCount);
        Assert.Null(await harness.Client.GetInstanceAsync(one.InstanceId));
        Assert.Null(await harness.Client.GetInstanceAsync(two.InstanceId));
        Assert.NotNull(await harness.Client.GetInstanceAsync(open));
        Assert.Equal(0, (await harness.Client.PurgeInstanceAsync("no-such-instance")).PurgedInstanceCount);
    }
}
