using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Serverless.Core.Models;
using Serverless.Core.Scoring.OpenInference;
using Serverless.GpuServing.Batching;
using Serverless.GpuServing.Execution;
using Serverless.GpuServing.Hosting;
using Serverless.GpuServing.Models;
using Serverless.Training.Onnx;

namespace Serverless.Gpu.Bench;

/// <summary>
/// Single-row requests from closed-loop callers into the GPU app's engine (<see cref="ServedModel.InferAsync"/>:
/// checks, queue, batch, ONNX Runtime, split), with dynamic batching and without, in one run.
/// </summary>
/// <remarks>
/// Anchors (no batching, one ORT call per request, concurrent): one intra-op thread per call (the function app's
/// setting) and all cores per call; the ratio is against the better of the two at each concurrency. HTTP and JSON
/// are left out: they cost the same per request either way and would share the cores with the model.
/// </remarks>
internal static class BatchingBench
{
    private const string Model = "mlp";

    public static async Task<int> RunAsync(BenchSettings settings)
    {
        ThreadPool.SetMinThreads(256, 256);
        var onnx = MlpOnnxExporter.Export(MlpWeights.Generate(settings.Widths, seed: 42));
        var rows = Enumerable.Range(0, 1024).Select(seed => Row(seed, settings.Widths[0])).ToArray();
        using var services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var metrics = new BatchingMetrics(services.GetRequiredService<IMeterFactory>());

        var modes = new (string Name, bool Batched, int IntraOp)[]
        {
            ("unbatched, 1 thread per call", false, 1),
            ("unbatched, all cores per call", false, 0),
            ("dynamic batching", true, 0),
        };
        var models = modes.Select(m => Load(onnx, settings, m.IntraOp, Batching(settings, m.Batched), metrics)).ToArray();
        var results = new List<(int Concurrency, string Mode, RunResult Result)>();
        using var recorder = new BatchRecorder();
        Console.WriteLine();
        Console.WriteLine("| concurrency | mode | requests/s | p50 ms | p99 ms | rows per batch | batch run ms (median) |");
        Console.WriteLine("|---|---|---|---|---|---|---|");
        foreach (var concurrency in settings.Concurrency)
        {
            for (var m = 0; m < modes.Length; m++)
            {
                await RunClosedLoopAsync(models[m], rows, concurrency, TimeSpan.FromSeconds(Math.Min(1, settings.Seconds / 5)));
                recorder.Clear();
                var result = await RunClosedLoopAsync(models[m], rows, concurrency, TimeSpan.FromSeconds(settings.Seconds));
                result = result with { RowsPerBatch = recorder.MeanRows(), BatchRunMs = recorder.MedianRunMs() };
                results.Add((concurrency, modes[m].Name, result));
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"| {concurrency} | {modes[m].Name} | {result.Throughput:F0} | {result.P50Ms:F2} | {result.P99Ms:F2} | {result.RowsPerBatch:F1} | {result.BatchRunMs:F2} |"));
            }
        }

        foreach (var model in models)
        {
            await model.DisposeAsync();
        }

        return Report(settings, results);
    }

    private static int Report(BenchSettings settings, List<(int Concurrency, string Mode, RunResult Result)> results)
    {
        Console.WriteLine();
        var ok = true;
        foreach (var concurrency in settings.Concurrency)
        {
            var batched = results.Single(r => r.Concurrency == concurrency && r.Mode == "dynamic batching").Result;
            var anchor = results.Where(r => r.Concurrency == concurrency && r.Mode != "dynamic batching").MaxBy(r => r.Result.Throughput);
            var ratio = batched.Throughput / anchor.Result.Throughput;
            var bound = settings.MaxQueueDelayMs + 2 * batched.BatchRunMs;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"c={concurrency}: batching {ratio:F2}x the best unbatched ({anchor.Mode}); p99 {batched.P99Ms:F2} ms vs maxQueueDelay + 2 x batch run = {bound:F2} ms"));
            if (concurrency == 64)
            {
                ok &= ratio >= 4 && batched.P99Ms <= bound;
                Console.WriteLine($"target at c=64 (>= 4x, p99 within the bound): {(ok ? "met" : "MISSED")}");
            }
        }

        return ok ? 0 : 1;
    }

    private static BatchingOptions Batching(BenchSettings settings, bool enabled) => new()
    {
        Enabled = enabled,
        MaxBatchSize = settings.MaxBatchSize,
        MaxQueueDelay = TimeSpan.FromMilliseconds(settings.MaxQueueDelayMs),
        MaxQueuedRequests = 100_000,
    };

    private static ServedModel Load(byte[] onnx, BenchSettings settings, int intraOp, BatchingOptions batching, BatchingMetrics metrics)
    {
        var sessions = new SessionOptionsFactory(Options.Create(new GpuServingOptions { ExecutionProvider = settings.Provider, IntraOpThreads = intraOp }));
        sessions.EnsureAvailable();
        var manifest = new ModelManifest
        {
            Name = Model,
            Version = 1,
            Task = ModelTask.Classification,
            Inputs = [new TensorSpec(MlpOnnxExporter.InputName, OipDatatype.Fp32, [-1, settings.Widths[0]])],
            Outputs = [new TensorSpec(MlpOnnxExporter.OutputName, OipDatatype.Fp32, [-1, settings.Widths[^1]])],
            ArtifactSha256 = "",
            CreatedAt = DateTimeOffset.UnixEpoch,
            CreatedBy = "bench",
        };
        var model = ServedModel.Load(manifest, onnx, sessions, batching, metrics, TimeProvider.System);
        model.WarmUp();
        return model;
    }

    private static async Task<RunResult> RunClosedLoopAsync(ServedModel model, float[][] rows, int concurrency, TimeSpan duration)
    {
        var started = Stopwatch.GetTimestamp();
        var deadline = started + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        var latencies = new List<double>[concurrency];
        var workers = Enumerable.Range(0, concurrency).Select(w => Task.Run(async () =>
        {
            var mine = latencies[w] = new List<double>(100_000);
            var width = rows[0].Length;
            for (var n = w; Stopwatch.GetTimestamp() < deadline; n += concurrency)
            {
                var request = new InferRequest(null, [new InferenceTensor(MlpOnnxExporter.InputName, OipDatatype.Fp32, [1, width], rows[n % rows.Length])], null);
                var t0 = Stopwatch.GetTimestamp();
                await model.InferAsync(request, CancellationToken.None);
                mine.Add(Stopwatch.GetElapsedTime(t0).TotalMilliseconds);
            }
        })).ToArray();
        await Task.WhenAll(workers);
        var elapsed = Stopwatch.GetElapsedTime(started).TotalSeconds;
        var all = latencies.SelectMany(l => l).Order().ToArray();
        return new RunResult(all.Length / elapsed, Percentile(all, 0.50), Percentile(all, 0.99), 0, 0);
    }

    private static double Percentile(double[] sorted, double p) => sorted.Length == 0 ? double.NaN : sorted[Math.Min(sorted.Length - 1, (int)(p * sorted.Length))];

    private static float[] Row(int seed, int width)
    {
        var random = new Random(seed);
        return [.. Enumerable.Range(0, width).Select(_ => (float)(random.NextDouble() * 2 - 1))];
    }
}
