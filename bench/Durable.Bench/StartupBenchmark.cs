using System.Diagnostics;

namespace Serverless.Durable.Bench;

/// <summary>
/// Process start to worker ready (polling) on an empty task hub: the test worker process, timed until it prints
/// "ready", against the anchor: the same executable started and exiting at once (runtime start, no engine).
/// </summary>
internal static class StartupBenchmark
{
    private const int Runs = 5;

    public static async Task RunAsync(string connectionString)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "Serverless.Workflows.TestWorker.dll");
        var anchor = new List<double>();
        var ready = new List<double>();
        for (var i = 0; i < Runs; i++)
        {
            anchor.Add(await TimeAsync(dll, [], waitForReady: false));
            ready.Add(await TimeAsync(dll, [connectionString, "start" + Guid.NewGuid().ToString("N")[..10]], waitForReady: true));
        }

        var anchorMedian = Median(anchor);
        var readyMedian = Median(ready);
        Console.WriteLine($"  bare process : median {anchorMedian:F0} ms (start, runtime load, exit)");
        Console.WriteLine($"  worker ready : median {readyMedian:F0} ms on an empty task hub (create tables/queues/containers, take partitions), {readyMedian / anchorMedian:F1}x the bare process");
        Console.WriteLine($"  target       : <= 1,500 ms -> {(readyMedian <= 1500 ? "met" : "MISSED")}");
    }

    private static async Task<double> TimeAsync(string dll, string[] args, bool waitForReady)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardInput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(dll);
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        var clock = Stopwatch.StartNew();
        using var process = Process.Start(info)!;
        if (waitForReady)
        {
            var line = await process.StandardOutput.ReadLineAsync();
            var elapsed = clock.Elapsed.TotalMilliseconds;
            process.StandardInput.Close();
            await process.WaitForExitAsync();
            return line == "ready" ? elapsed : throw new InvalidOperationException($"worker said '{line}'");
        }

        await process.WaitForExitAsync();
        return clock.Elapsed.TotalMilliseconds;
    }

    private static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);
}
