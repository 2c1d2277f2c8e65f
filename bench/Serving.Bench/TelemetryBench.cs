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
/// Scoring throughput with all telemetry on vs off, same process, rounds interleaved. Off: <see cref="RecordScorer"/>
/// with no observer (what <c>Monitoring:Enabled=false</c> gives). On: the <see cref="ScoringRecorder"/> as observer,
/// an OpenTelemetry MeterProvider collecting every <c>Serverless.*</c> instrument every 100 ms (a no-op exporter, so
/// collection and aggregation are paid but no I/O), and a background "flush" every 100 ms that snapshots every window
/// and serializes it as the flusher does before writing, and the sampled prediction log at rate 1 with a drainer that
/// builds its rows (SHA-256 of every input) as the log's writer does before writing.
/// </summary>
internal static class TelemetryBench
{
    /// <param name="sampleRate">The prediction log's sample rate; the setting's default when null.</param>
    public static int Run(int rounds, double? sampleRate = null)
    {
        var logOptions = new PredictionLogOptions { QueueCapacity = 100_000 };
        logOptions.SampleRate = sampleRate ?? logOptions.SampleRate;
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
                    logged += predictionLog.TakeBatch(256, storeInputs: false, storeReviewRecords: false).Rows.Count;
                }
            }
            catch (OperationCanceledException)
            {
            }
        });

        var off = new RecordScorer(1000);
        var on = new RecordScorer(1000, recorder);
        foreach (var batch in new[] { 1, 100 })
        {
            var body = Encoding.UTF8.GetBytes("{\"records\":[" + string.Join(",", Enumerable.Repeat(record.ToJsonString(), batch)) + "]}");
            var output = new ArrayBufferWriter<byte>(64 * 1024);
            var ids = Enumerable.Range(0, 4096).Select(i => "bench-" + i).ToArray();
            long Score(RecordScorer scorer, int n)
            {
                var clock = Stopwatch.GetTimestamp();
                for (var i = 0; i < n; i++)
                {
                    output.ResetWrittenCount();
                    if (!scorer.TryScore(model, body, ids[i & 4095], output, out var error))
                    {
                        throw new InvalidOperationException(error);
                    }
                }

                return Stopwatch.GetTimestamp() - clock;
            }

            var calls = batch == 1 ? 50_000 : 1_000;
            Score(off, calls / 2);
            Score(on, calls / 2); // warm-up
            var offRates = new List<double>();
            var onRates = new List<double>();
            for (var r = 0; r < rounds; r++)
            {
                offRates.Add(RowsPerSecond(Score(off, calls), calls * batch));
                onRates.Add(RowsPerSecond(Score(on, calls), calls * batch));
            }

            double a = Median(onRates), b = Median(offRates);
            Console.WriteLine($"{batch,4} record(s)/call: telemetry on {a:N0} rows/s, off {b:N0} rows/s, on/off {100 * a / b:0.0}% (target >= 90%)");
        }

        stop.Cancel();
        flusher.Wait();
        drainer.Wait();
        var recorded = recorder.Recent(manifest.Name, manifest.Version)!;
        Console.WriteLine($"recorded {recorded.Records:N0} rows in {recorded.Requests:N0} calls, {flushes} snapshots, {recorder.Failures} recording failures");
        Console.WriteLine($"prediction log at sample rate {logOptions.SampleRate}: {logged:N0} rows hashed, {predictionLog.Dropped:N0} requests dropped (queue full)");
        return recorder.Failures == 0 ? 0 : 1;
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
