using System.Buffers;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using Serverless.Core.Models;
using Serverless.Core.Monitoring;
using Serverless.Core.Monitoring.GroundTruth;
using Serverless.Core.Scoring;

namespace Serverless.Bench;

/// <summary>
/// Where telemetry's cost goes at 100 records per call, one part at a time on one thread: the whole scoring call without
/// telemetry (the anchor), then each part of "telemetry on" called alone on the same call's encoded rows and predictions:
/// the recorder's windows and totals, the same with the OpenTelemetry SDK listening (the latency histogram), the prediction
/// log's enqueue at its default sample rate, and the log writer's row building (SHA-256 per logged record) that a
/// background thread pays. Shares are of the anchor's time per call. Rounds interleave; medians are reported.
/// </summary>
internal static class TelemetryParts
{
    /// <param name="rows">Records per call.</param>
    public static int Run(int rounds, int rows = 100)
    {
        var (manifest, onnx) = HandlerBench.TrainChurn();
        using var model = new OnnxScoringModel(manifest, onnx);
        var record = ExampleRecord.Create(manifest.Features!, manifest.Statistics);
        var body = Encoding.UTF8.GetBytes("{\"records\":[" + string.Join(",", Enumerable.Repeat(record.ToJsonString(), rows)) + "]}");
        var encoder = model.Encoder!;
        var features = new float[rows * encoder.Width];
        for (var c = 0; c < encoder.Width; c++)
        {
            encoder.TryEncodeText(c, record[encoder.Schema.Features[c].Name]!.ToString(), out features[c], out _);
        }

        for (var r = 1; r < rows; r++)
        {
            Array.Copy(features, 0, features, r * encoder.Width, encoder.Width);
        }

        var predictions = model.ScoreEncoded(features, rows);
        var timings = new ScoringTimings(TimeSpan.FromMilliseconds(0.3), Parse: TimeSpan.FromMilliseconds(0.1), Infer: TimeSpan.FromMilliseconds(0.2));
        var ids = TelemetryBench.RequestIds(4096).Select(id => new ScoringCall(id)).ToArray();

        ScoringRecorder NewRecorder(PredictionLog? log)
        {
            var services = new ServiceCollection().AddMetrics().BuildServiceProvider();
            return new ScoringRecorder(new ScoringInstruments(services.GetRequiredService<IMeterFactory>()), TimeProvider.System,
                Options.Create(new MonitoringOptions()), NullLogger<ScoringRecorder>.Instance, log);
        }

        // No rows-per-second cap: the cost per logged row at the default sample rate is what is measured.
        var logOptions = new PredictionLogOptions { QueueCapacity = 1_000_000, MaxRowsPerSecond = 0 };
        var log = new PredictionLog(Options.Create(logOptions), TimeProvider.System);
        var plain = NewRecorder(null);
        var logging = NewRecorder(log);
        var scorer = new RecordScorer(1000);
        var output = new ArrayBufferWriter<byte>(64 * 1024);
        var calls = 200_000 / rows;

        long Anchor()
        {
            var clock = Stopwatch.GetTimestamp();
            for (var i = 0; i < calls; i++)
            {
                output.ResetWrittenCount();
                scorer.TryScore(model, body, ids[i & 4095], output, out _);
            }

            return Stopwatch.GetTimestamp() - clock;
        }

        long Record(ScoringRecorder recorder)
        {
            var clock = Stopwatch.GetTimestamp();
            for (var i = 0; i < calls; i++)
            {
                recorder.RecordScored(manifest, ScoringEndpoints.Records, features, rows, predictions, timings, ids[i & 4095]);
            }

            return Stopwatch.GetTimestamp() - clock;
        }

        // Logged requests are turned into rows every 256 calls (the writer's batch; it gathers them for a second). Only that
        // is timed here: the enqueue is in the recorder's time.
        (long Record, long Drain) RecordAndDrain()
        {
            long record = 0, drain = 0;
            for (var i = 0; i < calls; i++)
            {
                var clock = Stopwatch.GetTimestamp();
                logging.RecordScored(manifest, ScoringEndpoints.Records, features, rows, predictions, timings, ids[i & 4095]);
                var recorded = Stopwatch.GetTimestamp();
                record += recorded - clock;
                if (i % 256 == 255 || i == calls - 1)
                {
                    log.TakeBatch(256, storeInputs: false, storeReviewRecords: false);
                    drain += Stopwatch.GetTimestamp() - recorded;
                }
            }

            return (record, drain);
        }

        var parts = new Dictionary<string, List<double>>();
        void Add(string part, long ticks) =>
            (parts.TryGetValue(part, out var list) ? list : parts[part] = []).Add(ticks * 1e6 / Stopwatch.Frequency / calls);

        MeterProvider? sdk = null;
        for (var r = -1; r < rounds; r++)
        {
            // Round -1 warms up (JIT tiers); the SDK is attached for the "+ SDK" part only, then removed again.
            var anchor = Anchor();
            var windows = Record(plain);
            sdk = Sdk.CreateMeterProviderBuilder().AddMeter(MonitoringTelemetry.Prefix + ".*")
                .AddReader(new PeriodicExportingMetricReader(new NullExporter(), exportIntervalMilliseconds: 100)).Build();
            var withSdk = Record(plain);
            sdk.Dispose();
            var (withLog, drain) = RecordAndDrain();
            if (r >= 0)
            {
                Add("anchor: scoring call, telemetry off", anchor);
                Add("recorder: windows + totals (no listener)", windows);
                Add("recorder with the OTel SDK listening", withSdk);
                Add($"recorder + prediction log enqueue (rate {logOptions.SampleRate})", withLog);
                Add("prediction log rows (background thread)", drain);
            }
        }

        var logged = rows * Enumerable.Range(0, calls).Count(i => PredictionSampler.IsSampled(ids[i & 4095].RequestId!, logOptions.SampleRate)) / (double)calls;
        Console.WriteLine($"{rows} records per call, {logged:0.0} of them logged per call on average (sampled by request id)");
        var anchorUs = Median(parts["anchor: scoring call, telemetry off"]);
        foreach (var (part, values) in parts)
        {
            var us = Median(values);
            Console.WriteLine($"{part,-45} {us,8:0.00} us/call {100 * us / anchorUs,6:0.0}% of the anchor");
        }

        return plain.Failures + logging.Failures == 0 ? 0 : 1;
    }

    private static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);

    private sealed class NullExporter : BaseExporter<Metric>
    {
        public override ExportResult Export(in Batch<Metric> batch) => ExportResult.Success;
    }
}
