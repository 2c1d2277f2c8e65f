using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.ML.OnnxRuntime;
using Serverless.Batch.Bench;
using Serverless.Core.Batch;
using Serverless.Testing;

// Usage:
//   Batch.Bench [--format csv|parquet] [throughput [rows]] [memory [rows...]]
//                                                       (default: csv, throughput 200000, memory 100000 1000000)
//   Batch.Bench score <connection> <prefix> <blob>      (the child process the memory benchmark measures)
if (args is ["score", var connection, var prefix, var blob])
{
    await using var child = BenchSetup.Services(BenchSetup.Settings(connection, prefix));
    var scored = await BenchSetup.ScoreAsync(child, blob);
    Console.WriteLine($"child: {scored.RowsScored} rows in {scored.DurationSeconds:F1} s, VmHWM {PeakMemory.ReadKilobytes(Environment.ProcessId) / 1024} MB");
    return 0;
}

var format = args is ["--format", var f, ..] ? f : "csv";
if (format is not ("csv" or "parquet"))
{
    Console.Error.WriteLine($"Unknown format '{format}': csv or parquet.");
    return 2;
}

args = args is ["--format", _, .. var rest] ? rest : args;
Func<Azure.Storage.Blobs.BlobContainerClient, string, string, int, Task> upload = format == "parquet"
    ? (container, name, csv, rows) => BenchData.UploadParquetAsync(container, name, csv, rows)
    : BenchData.UploadCsvAsync;
var azurite = await Azurite.GetAsync();
var source = RepositoryPaths.BankChurnCsv;
var runThroughput = args.Length == 0 || args[0] == "throughput";
var runMemory = args.Length == 0 || args.Contains("memory");
var throughputRows = args is ["throughput", var n, ..] && int.TryParse(n, out var parsed) ? parsed : 200_000;
var memoryRows = args.SkipWhile(a => a != "memory").Skip(1).Select(a => int.Parse(a, CultureInfo.InvariantCulture)).ToArray();
if (memoryRows.Length == 0)
{
    memoryRows = [100_000, 1_000_000];
}

var runPrefix = AzuriteFixture.UniqueName("bench");
await using var services = BenchSetup.Services(BenchSetup.Settings(azurite.ConnectionString, runPrefix));
var training = await BenchSetup.RegisterChurnModelAsync(services, source);
var storage = services.GetRequiredService<BatchStorage>();
await storage.EnsureCreatedAsync(CancellationToken.None);
Console.WriteLine($"model: bank-churn LightGBM, {training.Schema.Features.Count} features; batch size 4096; {Environment.ProcessorCount} cores; format {format}");

if (runThroughput)
{
    // Warm-up: JIT, model load, connection pool.
    await upload(storage.Input, $"churn/warmup.{format}", source, 20_000);
    await BenchSetup.ScoreAsync(services, $"churn/warmup.{format}");

    await upload(storage.Input, $"churn/throughput.{format}", source, throughputRows);
    var summary = await BenchSetup.ScoreAsync(services, $"churn/throughput.{format}");
    var endToEnd = summary.RowsScored / summary.DurationSeconds;

    // Anchor: the same rows, already encoded in memory, through a bare session with the serving settings
    // (intra-op threads 1, as ScoringOptions.IntraOpThreads), in the same batch size.
    var model = BenchSetup.Model(services);
    var features = BenchData.Encode(source, model.Encoder!, throughputRows);
    using var sessionOptions = new SessionOptions { IntraOpNumThreads = 1 };
    using var session = new InferenceSession(training.Onnx, sessionOptions);
    var width = model.Encoder!.Width;
    var clock = Stopwatch.StartNew();
    for (var start = 0; start < throughputRows; start += 4096)
    {
        var rows = Math.Min(4096, throughputRows - start);
        using var input = OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, features.AsMemory(start * width, rows * width), [rows, width]);
        using var outputs = session.Run(new RunOptions(), [training.Schema.InputName], [input], session.OutputNames);
    }

    var raw = throughputRows / clock.Elapsed.TotalSeconds;
    Console.WriteLine($"throughput: {throughputRows} rows ({format}); end-to-end blob->blob {endToEnd:F0} rows/s ({summary.DurationSeconds:F2} s); " +
                      $"raw ORT in memory {raw:F0} rows/s ({clock.Elapsed.TotalSeconds:F2} s); ratio {endToEnd / raw:P0} (target >= 50%)");
}

if (runMemory)
{
    var peaks = new List<(int Rows, long PeakKb)>();
    foreach (var rows in memoryRows)
    {
        var name = $"churn/memory-{rows}.{format}";
        await upload(storage.Input, name, source, rows);
        var (peakKb, exit) = await PeakMemory.RunChildAsync(["score", azurite.ConnectionString, runPrefix, name]);
        if (exit != 0)
        {
            throw new InvalidOperationException($"The child scoring {name} exited with {exit}.");
        }

        peaks.Add((rows, peakKb));
        Console.WriteLine($"memory: {rows} rows, peak RSS {peakKb / 1024.0:F0} MB (target < 300 MB)");
    }

    if (peaks.Count >= 2)
    {
        var (small, large) = (peaks.MinBy(p => p.Rows), peaks.MaxBy(p => p.Rows));
        Console.WriteLine($"memory: peak at {large.Rows} rows / peak at {small.Rows} rows = {(double)large.PeakKb / small.PeakKb:F2} (target within 1.20)");
    }
}

return 0;
