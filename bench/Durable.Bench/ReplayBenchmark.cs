using System.Diagnostics;
using Microsoft.Extensions.Logging.Abstractions;
using Serverless.Core.Workflows;
using Serverless.Durable.Engine;
using Serverless.Durable.History;
using Serverless.Durable.Replay;

namespace Serverless.Durable.Bench;

/// <summary>
/// The cost of one episode of an instance with 1,000 history events: replay alone (CPU), and loading the history
/// partition from Azurite plus replay (what a wake-up pays before its writes).
/// </summary>
internal static class ReplayBenchmark
{
    private const int Steps = 333; // ExecutionStarted + 333 x (OrchestratorStarted, TaskScheduled, TaskCompleted) = 1,000 events

    public static async Task RunAsync(string connectionString)
    {
        var registry = new WorkflowRegistry().AddOrchestrator("Long", async context =>
        {
            var n = 0;
            for (var i = 0; i <= Steps; i++)
            {
                n = await context.CallActivityAsync<int>("Work", n);
            }

            return n;
        });
        registry.TryGetOrchestrator("Long", out var orchestrator);
        var history = BuildHistory();
        var incoming = new HistoryEvent(HistoryEventType.TaskCompleted, DateTime.UtcNow) { TaskId = Steps - 1, Data = Steps.ToString(System.Globalization.CultureInfo.InvariantCulture) };

        var replay = Median(30, () => Check(OrchestrationReplayer.Run(orchestrator, "bench", history, [incoming], DateTime.UtcNow, NullLoggerFactory.Instance)));

        var options = new DurableEngineOptions { ConnectionString = connectionString, TaskHubName = "replay" + Guid.NewGuid().ToString("N")[..8] };
        var hub = new TaskHub(options);
        await hub.Storage.EnsureCreatedAsync(CancellationToken.None);
        await hub.TryCreateInstanceAsync("long", "Long", null, null, CancellationToken.None);
        var sentinel = (await hub.History.GetSentinelAsync("long", CancellationToken.None))!;
        await hub.History.CommitAsync("long", sentinel with { HistoryLength = history.Count }, 1, history.Skip(1).ToList(), [], CancellationToken.None);
        var loadTimes = new List<double>();
        for (var i = 0; i < 10; i++)
        {
            var watch = Stopwatch.StartNew();
            var snapshot = (await hub.History.LoadAsync("long", CancellationToken.None))!;
            Check(OrchestrationReplayer.Run(orchestrator, "long", snapshot.History, [incoming], DateTime.UtcNow, NullLoggerFactory.Instance));
            loadTimes.Add(watch.Elapsed.TotalMilliseconds);
        }

        loadTimes.Sort();
        Console.WriteLine($"  replay       : {history.Count} + 1 new history events replayed in {replay:F2} ms (median of 30; target < 50 ms -> {(replay < 50 ? "met" : "MISSED")})");
        Console.WriteLine($"  load+replay  : {history.Count} rows (+1 new event) read from Azurite and replayed in {loadTimes[loadTimes.Count / 2]:F1} ms (median of 10)");
    }

    private static List<HistoryEvent> BuildHistory()
    {
        var at = DateTime.UtcNow.AddHours(-1);
        var history = new List<HistoryEvent> { new(HistoryEventType.ExecutionStarted, at) { Name = "Long" } };
        for (var i = 0; i < Steps; i++)
        {
            at = at.AddMilliseconds(10);
            history.Add(new HistoryEvent(HistoryEventType.OrchestratorStarted, at));
            history.Add(new HistoryEvent(HistoryEventType.TaskScheduled, at) { TaskId = i, Name = "Work", Data = i.ToString(System.Globalization.CultureInfo.InvariantCulture) });
            history.Add(new HistoryEvent(HistoryEventType.TaskCompleted, at) { TaskId = i, Data = (i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture) });
        }

        // The last completion arrives as the episode's new event.
        history.RemoveAt(history.Count - 1);
        return history;
    }

    private static void Check(EpisodeResult result)
    {
        if (result.Status != WorkflowRuntimeStatus.Running || result.NewHistory.Count != 3)
        {
            throw new InvalidOperationException($"Unexpected replay result: {result.Status} {result.Failure?.ErrorMessage}");
        }
    }

    private static double Median(int runs, Action action)
    {
        for (var i = 0; i < 5; i++)
        {
            action();
        }

        var times = new List<double>();
        for (var i = 0; i < runs; i++)
        {
            var watch = Stopwatch.StartNew();
            action();
            times.Add(watch.Elapsed.TotalMilliseconds);
        }

        times.Sort();
        return times[runs / 2];
    }
}
