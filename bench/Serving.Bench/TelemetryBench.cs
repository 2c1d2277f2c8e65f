using System.Buffers;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using Serverless.Core.Models;
using Serverless.Core.Monitoring;
using Serverless.Core.Monitoring.GroundTruth;
using Serverless.Core.Scoring;
using Serverless.Core.Serialization;

namespace Serverless.Bench;

/// <summary>
/// Scoring throughput with all telemetry on vs off, same process, rounds interleaved in pairs. Off: <see cref="RecordScorer"/>
/// with no observer (what <c>Monitoring:Enabled=false</c> gives). On: the <see cref="ScoringRecorder"/> as observer,
/// an OpenTelemetry MeterProvider collecting every <c>Serverless.*</c> instrument every 100 ms (a no-op exporter, so
/// collection and aggregation are paid but no I/O), and a background "flush" every 100 ms that snapshots every window
/// and serializes it as the flusher does before writing, and the sampled prediction log with a drainer that, as the
/// log's writer does before writing, waits <see cref="PredictionLogWriter.Linger"/> and builds the rows (SHA-256 of
/// each logged input).
/// </summary>
internal static class TelemetryBench
{
    /// <param name="sampleRate">The prediction log's sample rate; the setting's default when null.</param>
    /// <param name="batches">Records per call to measure; 1 and 100 when null.</param>
    public static int Run(int rounds, double? sampleRate = null, int[]? batches = null)
    {
        // The shipped settings by default; with a sample rate given, no rows-per-second cap either, so what logging that
        // fraction of every request costs is measured (the cap would log 100 rows a second whatever the rate).
        var logOptions = new PredictionLogOptions { QueueCapacity = 100_000 };
        logOptions.SampleRate = sampleRate ?? logOptions.SampleRate;
        logOptions.MaxRowsPerSecond = sampleRate is null ? logOptions.MaxRowsPerSecond : 0;
        var (manifest, onnx) = HandlerBench.TrainChurn();
        using var model = new OnnxScoringModel(manifest, onnx);
        var record = ExampleRecord.Create(manifest.Features!, manifest.Statistics);
        using var services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        // A drainer turns logged requests into rows (hashing each input) as the prediction log's writer does, short of the
        // Table Storage call. Each call has its own request id, so sampling picks a fraction of them as in production.
        var predictionLog = new PredictionLog(Options.Create(logOptions), TimeProvider.System);
        var recorder = new ScoringRecorder(new ScoringInstruments(services.GetRequiredService<IMeterFactory>()), TimeProvider.System,
            Options.Create(new MonitoringOptions()), NullLogger<ScoringRecorder>.Instance, predictionLog);
        using var meterProvider = Sdk.CreateMeterProviderBuilder()
            .AddMeter(MonitoringTelemetry.Prefix + ".*")
            .AddReader(new PeriodicExportingMetricReader(new NullExporter(), exportIntervalMilliseconds: 100))
            .Build();
        using var stop = new CancellationTokenSource();
        var flushes = 0;
        var flusher = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                await Task.Delay(100);
                var window = recorder.Recent(manifest.Name, manifest.Version);
                if (window is not null)
                {
                    JsonSerializer.Serialize(window, JsonDefaults.Options);
                    flushes++;
                }
            }
        });

        long logged = 0;
        var drainer = Task.Run(async () =>
        {
            try
            {
                while (await predictionLog.WaitToReadAsync(stop.Token))
                {
                    // As the writer: let a batch gather before draining, instead of waking for every logged request.
                    await Task.Delay(PredictionLogWriter.Linger, stop.Token);
                    while (predictionLog.TakeBatch(256, storeInputs: false, storeReviewRecords: false).Rows is { Count: > 0 } rows)
                    {
                        logged += rows.Count;
                    }
                }
            }
            catch (OperationCanceledException)
            {
            }
        });

        var off = new RecordScorer(1000);
        var on = new RecordScorer(1000, recorder);
        foreach (var batch in batches ?? [1, 100])
        {
            var body = Encoding.UTF8.GetBytes("{\"records\":[" + string.Join(",", Enumerable.Repeat(record.ToJsonString(), batch)) + "]}");
            var output = new ArrayBufferWriter<byte>(64 * 1024);
            var ids = RequestIds(4096);
            // Wall time for the throughput, and the process's CPU time (every thread: the log's drainer, the SDK's reader,
            // the flusher) for what telemetry costs in total, which a loaded machine distorts less.
            (long Ticks, TimeSpan Cpu) Score(RecordScorer scorer, int n)
            {
                var cpu = Environment.CpuUsage.TotalTime;
                var clock = Stopwatch.GetTimestamp();
                for (var i = 0; i < n; i++)
                {
                    output.ResetWrittenCount();
                    if (!scorer.TryScore(model, body, ids[i & 4095], output, out var error))
                    {
                        throw new InvalidOperationException(error);
                    }
                }

                return (Stopwatch.GetTimestamp() - clock, Environment.CpuUsage.TotalTime - cpu);
            }

            // Rounds of about a quarter second (longer than the 100 ms periods of the SDK's reader and the snapshots, so every
            // round pays its share of them), in pairs of off and on whose order alternates; the figure is the median of the
            // pairs' ratios, so a burst of load from other processes hits both sides of a pair or is voted out.
            var calls = batch == 1 ? 20_000 : 800;
            Score(off, calls / 2);
            Score(on, calls / 2); // warm-up
            List<double> offRates = [], onRates = [], ratios = [], offCpu = [], onCpu = [];
            for (var r = 0; r < rounds; r++)
            {
                for (var side = 0; side < 2; side++)
                {
                    var isOn = (side == 0) == (r % 2 == 1);
                    var (ticks, cpu) = Score(isOn ? on : off, calls);
                    (isOn ? onRates : offRates).Add(RowsPerSecond(ticks, calls * batch));
                    (isOn ? onCpu : offCpu).Add(cpu.TotalMicroseconds / (calls * batch));
                }

                ratios.Add(onRates[^1] / offRates[^1]);
            }

            double a = Median(onRates), b = Median(offRates);
            Console.WriteLine($"{batch,4} record(s)/call: telemetry on {a:N0} rows/s, off {b:N0} rows/s, on/off {100 * Median(ratios):0.0}% " +
                              $"(median of {rounds} pairs; target >= 90%); process CPU per row on {Median(onCpu):0.00} us, off {Median(offCpu):0.00} us");
        }

        stop.Cancel();
        flusher.Wait();
        drainer.Wait();
        var recorded = recorder.Recent(manifest.Name, manifest.Version)!;
        Console.WriteLine($"recorded {recorded.Records:N0} rows in {recorded.Requests:N0} calls, {flushes} snapshots, {recorder.Failures} recording failures");
        Console.WriteLine($"prediction log at sample rate {logOptions.SampleRate}, at most {logOptions.MaxRowsPerSecond} rows/s (0: no cap): {logged:N0} rows hashed ({100.0 * logged / recorded.Records:0.0}% of rows), " +
                          $"{predictionLog.Dropped:N0} requests dropped (queue full)");
        return recorder.Failures == 0 ? 0 : 1;
    }

    /// <summary>
    /// Request ids shaped like the hosts' (32 random hex digits, seeded here), so the log's sampling by id picks its rate:
    /// sequential ids such as <c>bench-17</c> hash unevenly and were sampled at about twice the rate.
    /// </summary>
    internal static string[] RequestIds(int count)
    {
        var random = new Random(42);
        var bytes = new byte[16];
        return Enumerable.Range(0, count).Select(_ =>
        {
            random.NextBytes(bytes);
            return Convert.ToHexStringLower(bytes);
        }).ToArray();
    }

    private static double RowsPerSecond(long ticks, int rows) => rows / (ticks / (double)Stopwatch.Frequency);

    private static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);

    /// <summary>Accepts every batch and drops it: the SDK's collection cost without any I/O.</summary>
    private sealed class NullExporter : BaseExporter<Metric>
    {
        public override ExportResult Export(in Batch<Metric> batch)
        {
            foreach (var metric in batch)
            {
                foreach (ref readonly var point in metric.GetMetricPoints())
                {
                    _ = point.EndTime;
                }
            }

            return ExportResult.Success;
        }
    }
}
