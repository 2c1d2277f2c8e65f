using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Serverless.Core.Workflows;

namespace Serverless.Durable.Bench;

/// <summary>
/// N concurrent orchestrations of 5 sequential activities and 1 short timer, against the anchor: the same work as
/// plain awaits, in the same run. Reports total time and per-step overhead.
/// </summary>
internal static class ThroughputBenchmark
{
    private const int Activities = 5;
    private static readonly TimeSpan Work = TimeSpan.FromMilliseconds(10);
    private static readonly TimeSpan Timer = TimeSpan.FromMilliseconds(200);

    public static async Task RunAsync(string connectionString, int instances)
    {
        var plain = await MeasureAsync(instances, _ => PlainAsync());
        var options = new DurableEngineOptions
        {
            ConnectionString = connectionString,
            TaskHubName = "bench" + Guid.NewGuid().ToString("N")[..8],
            MaxPollingInterval = TimeSpan.FromMilliseconds(100),
            // Instance latency is measured from the engine's own timestamps, so clients need not poll fast
            // (200 clients polling every 100 ms would load Azurite more than the engine does).
            ClientPollingInterval = TimeSpan.FromSeconds(1),
            MaxConcurrentActivities = 32,
        };
        var registry = new WorkflowRegistry()
            .AddActivity<int, int>("Work", async (n, _) =>
            {
                await Task.Delay(Work);
                return n + 1;
            })
            .AddOrchestrator("Steps", async context =>
            {
                var n = 0;
                for (var i = 0; i < Activities; i++)
                {
                    n = await context.CallActivityAsync<int>("Work", n);
                }

                await context.CreateTimer(context.CurrentUtcDateTime + Timer, CancellationToken.None);
                return n;
            });
        await using var services = new ServiceCollection().BuildServiceProvider();
        await using var engine = new DurableEngine(options, registry, services, NullLoggerFactory.Instance);
        await engine.StartAsync(CancellationToken.None);
        var client = new DurableWorkflowClient(options, NullLogger<DurableWorkflowClient>.Instance);
        var begin = DateTimeOffset.UtcNow;
        var statuses = await Task.WhenAll(Enumerable.Range(0, instances).Select(async _ =>
        {
            var id = await client.StartAsync("Steps", null);
            var status = await client.WaitForCompletionAsync(id);
            return status.ReadOutputAs<int>() == Activities
                ? status
                : throw new InvalidOperationException($"Instance {id} ended {status.RuntimeStatus} with {status.SerializedOutput}.");
        }));
        var durable = FromStatuses(begin, statuses);
        await engine.StopAsync(CancellationToken.None);

        const int steps = Activities + 1;
        var overhead = (durable.MeanLatency - plain.MeanLatency) / steps;
        Console.WriteLine($"  plain awaits : {instances} done in {plain.Total.TotalSeconds:F2} s, mean instance {plain.MeanLatency.TotalMilliseconds:F0} ms");
        Console.WriteLine($"  durable      : {instances} done in {durable.Total.TotalSeconds:F2} s, mean instance {durable.MeanLatency.TotalMilliseconds:F0} ms, p95 {durable.P95Latency.TotalMilliseconds:F0} ms, {engine.EpisodeCount} episodes");
        Console.WriteLine($"  per step     : overhead {overhead.TotalMilliseconds:F1} ms over the plain step ({plain.MeanLatency.TotalMilliseconds / steps:F1} ms); instance latency ratio durable/plain {durable.MeanLatency / plain.MeanLatency:F1}x");
        Console.WriteLine($"  target       : all {instances} within 30 s -> {(durable.Total < TimeSpan.FromSeconds(30) ? "met" : "MISSED")}");
    }

    private static async Task PlainAsync()
    {
        var n = 0;
        for (var i = 0; i < Activities; i++)
        {
            await Task.Delay(Work);
            n++;
        }

        await Task.Delay(Timer);
    }

    private static async Task<Measurement> MeasureAsync(int instances, Func<int, Task> run)
    {
        var total = Stopwatch.StartNew();
        var latencies = await Task.WhenAll(Enumerable.Range(0, instances).Select(async i =>
        {
            var one = Stopwatch.StartNew();
            await run(i);
            return one.Elapsed;
        }));
        Array.Sort(latencies);
        return new Measurement(
            total.Elapsed,
            TimeSpan.FromTicks((long)latencies.Average(l => l.Ticks)),
            latencies[(int)(latencies.Length * 0.95)]);
    }

    /// <summary>From the engine's timestamps: created when started, last updated when completed.</summary>
    private static Measurement FromStatuses(DateTimeOffset begin, WorkflowStatus[] statuses)
    {
        var latencies = statuses.Select(s => s.LastUpdatedAt - s.CreatedAt).Order().ToArray();
        return new Measurement(
            statuses.Max(s => s.LastUpdatedAt) - begin,
            TimeSpan.FromTicks((long)latencies.Average(l => l.Ticks)),
            latencies[(int)(latencies.Length * 0.95)]);
    }

    private sealed record Measurement(TimeSpan Total, TimeSpan MeanLatency, TimeSpan P95Latency);
}
