using System.Diagnostics;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Serverless.Workflows;
using Serverless.Workflows.Hosting;

namespace Serverless.Durable.Bench;

/// <summary>
/// N concurrent orchestrations of 5 activities + 1 timer on DTFx, against the anchor: the same work as plain awaits,
/// in the same run. Instance latency comes from the engine's own timestamps (created -> last updated).
/// </summary>
internal static class ThroughputBenchmark
{
    public static async Task RunAsync(string connectionString, int instances)
    {
        // One instance measures per-step overhead on activities alone; many measure throughput of the full shape.
        var withTimer = instances > 1;
        var steps = StepsOrchestrator.Activities + (withTimer ? 1 : 0);
        var plain = await PlainAsync(instances, withTimer);
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddWorkflows(c => c.AddOrchestrator<StepsOrchestrator>().AddActivity<WorkActivity>());
        builder.Services.AddDurableTaskHost(o =>
        {
            o.ConnectionString = connectionString;
            o.TaskHubName = "bench" + Guid.NewGuid().ToString("N")[..8];
            o.MaxConcurrentActivities = 32;
            // Latency is read from the engine's timestamps, so clients need not poll fast (200 clients polling every
            // 100 ms would load Azurite more than the engine does).
            o.ClientPollingInterval = TimeSpan.FromSeconds(1);
        });
        using var host = builder.Build();
        await host.StartAsync();
        await host.Services.GetRequiredService<TaskHubWorkerService>().Ready;
        var client = host.Services.GetRequiredService<DurableTaskClient>();
        // One instance first, so the measured ones find the partitions owned and the queues warm: this measures the
        // engine's steady state, not its start-up (StartupBenchmark measures that).
        await client.WaitForInstanceCompletionAsync(await client.ScheduleNewOrchestrationInstanceAsync(nameof(StepsOrchestrator), withTimer));

        var begin = DateTimeOffset.UtcNow;
        var results = await Task.WhenAll(Enumerable.Range(0, instances).Select(async _ =>
        {
            var id = await client.ScheduleNewOrchestrationInstanceAsync(nameof(StepsOrchestrator), withTimer);
            var done = await client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true);
            return done.ReadOutputAs<int>() == StepsOrchestrator.Activities
                ? done
                : throw new InvalidOperationException($"Instance {id} ended {done.RuntimeStatus}: {done.SerializedOutput} {done.FailureDetails}");
        }));
        await host.StopAsync();

        var latencies = results.Select(r => r.LastUpdatedAt - r.CreatedAt).Order().ToArray();
        var mean = TimeSpan.FromTicks((long)latencies.Average(l => l.Ticks));
        var total = results.Max(r => r.LastUpdatedAt) - begin;
        var overhead = (mean - plain.Mean) / steps;
        Console.WriteLine($"  plain awaits : {instances} done in {plain.Total.TotalSeconds:F2} s, mean instance {plain.Mean.TotalMilliseconds:F0} ms");
        Console.WriteLine($"  durable      : {instances} done in {total.TotalSeconds:F2} s, mean instance {mean.TotalMilliseconds:F0} ms, p95 {latencies[(int)(latencies.Length * 0.95)].TotalMilliseconds:F0} ms");
        Console.WriteLine($"  per step     : {overhead.TotalMilliseconds:F1} ms over the plain step ({plain.Mean.TotalMilliseconds / steps:F1} ms); instance latency durable/plain {mean / plain.Mean:F2}x");
        if (instances > 1)
        {
            Console.WriteLine($"  target       : all {instances} within 30 s -> {(total < TimeSpan.FromSeconds(30) ? "met" : "MISSED")}");
        }
        else
        {
            Console.WriteLine($"  target       : <= 40 ms a step -> {(overhead <= TimeSpan.FromMilliseconds(40) ? "met" : "MISSED")}");
        }
    }

    private static async Task<(TimeSpan Total, TimeSpan Mean)> PlainAsync(int instances, bool withTimer)
    {
        var total = Stopwatch.StartNew();
        var latencies = await Task.WhenAll(Enumerable.Range(0, instances).Select(async _ =>
        {
            var one = Stopwatch.StartNew();
            for (var i = 0; i < StepsOrchestrator.Activities; i++)
            {
                await Task.Delay(WorkActivity.Work);
            }

            if (withTimer)
            {
                await Task.Delay(StepsOrchestrator.Timer);
            }

            return one.Elapsed;
        }));
        return (total.Elapsed, TimeSpan.FromTicks((long)latencies.Average(l => l.Ticks)));
    }
}
