using System.Collections.Concurrent;
using Serverless.Core.Workflows;
using Serverless.Testing;

namespace Serverless.Durable.Tests.Engine;

public class DurableEngineConcurrencyTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private const int Instances = 100;
    private static readonly ConcurrentDictionary<string, int> Inside = new();
    private static int _overlaps;

    /// <summary>Marks each stretch of orchestrator code; two engines running one instance at once would overlap.</summary>
    private static void Segment(IOrchestrationContext context)
    {
        if (Inside.AddOrUpdate(context.InstanceId, 1, (_, n) => n + 1) > 1)
        {
            Interlocked.Increment(ref _overlaps);
        }

        Thread.Sleep(1); // widens the window in which an overlap would be seen
        Inside.AddOrUpdate(context.InstanceId, 0, (_, n) => n - 1);
    }

    private static void Register(WorkflowRegistry registry) => registry.AddOrchestrator("Shared", async context =>
    {
        var total = 0;
        for (var i = 0; i < 3; i++)
        {
            Segment(context);
            total += (await context.CallActivityAsync<string>("Echo", "ab")).Length;
        }

        Segment(context);
        return total;
    });

    [Fact]
    public async Task TwoEngines_OneTaskHub_RunEveryInstanceOnceAtATime()
    {
        await using var harness = await EngineHarness.StartAsync(azurite.ConnectionString, Register, engines: 2);

        var ids = await Task.WhenAll(Enumerable.Range(0, Instances).Select(_ => harness.Client.StartAsync("Shared")));
        var statuses = await Task.WhenAll(ids.Select(id => harness.WaitAsync(id, TimeSpan.FromSeconds(60))));

        Assert.All(statuses, s => Assert.Equal((WorkflowRuntimeStatus.Completed, 6), (s.RuntimeStatus, s.ReadOutputAs<int>())));
        Assert.Equal(0, Volatile.Read(ref _overlaps));
        Assert.All(harness.Engines, engine => Assert.True(engine.EpisodeCount > 0, "both engines ran episodes"));
        Assert.True(harness.Engines.Sum(e => e.EpisodeCount) >= Instances * 4);
    }
}
