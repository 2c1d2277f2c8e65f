using System.Buffers;
using System.Diagnostics;
using System.Text;
using Microsoft.ML.OnnxRuntime;
using Serverless.Core.Models;
using Serverless.Core.Scoring;
using Serverless.Training;
using Serverless.Training.Spec;
using Serverless.Training.Synthetic;

namespace Serverless.Bench;

/// <summary>
/// Scoring handler (JSON bytes in -> JSON bytes out, no HTTP) vs raw ONNX Runtime on the same model, with the raw side
/// at its best: input encoded once, RunOptions reused, and two anchors: <c>Run</c> returning new outputs, and
/// <c>RunWithBinding</c> into pre-bound outputs (what the handler does for one record since this session).
/// Same process, same session options, rounds interleaved so machine noise hits both alike.
/// </summary>
internal static class HandlerBench
{
    public static int Run(int rounds)
    {
        var (manifest, onnx) = TrainChurn();
        using var model = new OnnxScoringModel(manifest, onnx);
        var scorer = new RecordScorer(1000);
        var record = ExampleRecord.Create(manifest.Features!, manifest.Statistics);

        foreach (var batch in new[] { 1, 100 })
        {
            var body = Encoding.UTF8.GetBytes(BodyOf(record, batch));
            using var raw = new RawOrt(onnx, manifest, model.Encoder!, record, batch);
            var output = new ArrayBufferWriter<byte>(64 * 1024);
            long Handler(int n)
            {
                var clock = Stopwatch.GetTimestamp();
                for (var i = 0; i < n; i++)
                {
                    output.ResetWrittenCount();
                    if (!scorer.TryScore(model, body, "bench", output, out var error))
                    {
                        throw new InvalidOperationException(error);
                    }
                }

                return Stopwatch.GetTimestamp() - clock;
            }

            long Raw(int n) => Time(n, raw.Run);
            long Bound(int n) => Time(n, raw.RunBound);

            var calls = batch == 1 ? 50_000 : 1_000;
            Handler(calls / 2);
            Raw(calls / 2); // warm-up: JIT and ORT arenas
            Bound(calls / 2);
            var handlerTimes = new List<double>();
            var rawTimes = new List<double>();
            var boundTimes = new List<double>();
            for (var r = 0; r < rounds; r++)
            {
                handlerTimes.Add(PerRowMicros(Handler(calls), calls * batch));
                rawTimes.Add(PerRowMicros(Raw(calls), calls * batch));
                boundTimes.Add(PerRowMicros(Bound(calls), calls * batch));
            }

            double h = Median(handlerTimes), o = Median(rawTimes), b = Median(boundTimes);
            Console.WriteLine($"{batch,4} record(s)/call: handler {h:0.00} us/row, raw ORT Run {o:0.00} us/row (ratio {h / o:0.00}x), " +
                              $"raw ORT pre-bound {b:0.00} us/row (ratio {h / b:0.00}x)" + (batch == 1 ? " (target <= 1.3x)" : ""));
        }

        return 0;
    }

    /// <summary>The sample model the local host seeds: 20,000 synthetic rows, LightGBM, 100 trees.</summary>
    internal static (ModelManifest Manifest, byte[] Onnx) TrainChurn()
    {
        var csv = Path.Combine(Path.GetTempPath(), $"bench-churn-{Environment.ProcessId}.csv");
        SyntheticChurnGenerator.Write(csv, new SyntheticChurnOptions { Rows = 20_000, Seed = 42 });
        try
        {
            var result = new ModelTrainer().LoadAndTrainAsync(new TrainingSpec
            {
                Data = new DataSpec { Path = csv }, Label = SyntheticChurnGenerator.LabelColumn, Task = TrainingTask.Binary,
                Ignore = [SyntheticChurnGenerator.IdColumn],
            }, null, null).GetAwaiter().GetResult();
            var (inputs, outputs) = OnnxModelInspector.Inspect(result.Onnx);
            return (new ModelManifest
            {
                Name = "churn", Version = 1, Task = ModelTask.Classification, Features = result.Schema, Inputs = inputs, Outputs = outputs,
                ClassLabels = result.ClassLabels, Statistics = result.Statistics, ScoreHistogram = result.ScoreHistogram, ArtifactSha256 = "", CreatedAt = DateTimeOffset.UtcNow, CreatedBy = "bench",
            }, result.Onnx);
        }
        finally
        {
            File.Delete(csv);
        }
    }

    private static string BodyOf(System.Text.Json.Nodes.JsonObject record, int count) =>
        "{\"records\":[" + string.Join(",", Enumerable.Repeat(record.ToJsonString(), count)) + "]}";

    private static long Time(int n, Func<float> run)
    {
        var clock = Stopwatch.GetTimestamp();
        var checksum = 0f;
        for (var i = 0; i < n; i++)
        {
            checksum += run();
        }

        GC.KeepAlive(checksum);
        return Stopwatch.GetTimestamp() - clock;
    }

    private static double PerRowMicros(long ticks, int rows) => ticks * 1e6 / Stopwatch.Frequency / rows;

    private static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);

    /// <summary>The anchors: Run with every input buffer reused, and RunWithBinding into outputs allocated once.</summary>
    private sealed class RawOrt : IDisposable
    {
        private readonly InferenceSession _session;
        private readonly RunOptions _options = new();
        private readonly OrtValue _input;
        private readonly OrtIoBinding _binding;
        private readonly OrtValue[] _bound;
        private readonly string[] _inputNames;
        private readonly string[] _outputNames;

        public RawOrt(byte[] onnx, ModelManifest manifest, FeatureEncoder encoder, System.Text.Json.Nodes.JsonObject record, int rows)
        {
            using var sessionOptions = new SessionOptions
            {
                GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL, ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
                IntraOpNumThreads = 1, InterOpNumThreads = 1,
            };
            sessionOptions.AddSessionConfigEntry("session.intra_op.allow_spinning", "0");
            _session = new InferenceSession(onnx, sessionOptions);
            var features = new float[rows * encoder.Width];
            for (var c = 0; c < encoder.Width; c++)
            {
                var value = record[encoder.Schema.Features[c].Name]!.ToString();
                encoder.TryEncodeText(c, value, out features[c], out _);
            }

            for (var r = 1; r < rows; r++)
            {
                Array.Copy(features, 0, features, r * encoder.Width, encoder.Width);
            }

            _input = OrtValue.CreateTensorValueFromMemory(features, [rows, encoder.Width]);
            _inputNames = [manifest.Features!.InputName];
            _outputNames = [.. _session.OutputNames];
            _binding = _session.CreateIoBinding();
            _binding.BindInput(_inputNames[0], _input);
            using (var first = _session.Run(_options, _inputNames, [_input], _outputNames))
            {
                _bound = first.Select(r => r.GetTensorTypeAndShape() is var info && info.ElementDataType == Microsoft.ML.OnnxRuntime.Tensors.TensorElementType.Int64
                    ? OrtValue.CreateTensorValueFromMemory(new long[info.ElementCount], info.Shape)
                    : OrtValue.CreateTensorValueFromMemory(new float[info.ElementCount], info.Shape)).ToArray();
            }

            for (var i = 0; i < _bound.Length; i++)
            {
                _binding.BindOutput(_outputNames[i], _bound[i]);
            }
        }

        /// <summary>Runs and reads every output (what any caller does with a result), returning a checksum.</summary>
        public float Run()
        {
            using var results = _session.Run(_options, _inputNames, [_input], _outputNames);
            return Sum(results);
        }

        public float RunBound()
        {
            _session.RunWithBinding(_options, _binding);
            return Sum(_bound);
        }

        private static float Sum(IEnumerable<OrtValue> results)
        {
            var sum = 0f;
            foreach (var value in results)
            {
                if (value.GetTensorTypeAndShape().ElementDataType == Microsoft.ML.OnnxRuntime.Tensors.TensorElementType.Int64)
                {
                    foreach (var label in value.GetTensorDataAsSpan<long>()) sum += label;
                }
                else
                {
                    foreach (var p in value.GetTensorDataAsSpan<float>()) sum += p;
                }
            }

            return sum;
        }

        public void Dispose()
        {
            _binding.Dispose();
            foreach (var value in _bound)
            {
                value.Dispose();
            }

            _input.Dispose();
            _options.Dispose();
            _session.Dispose();
        }
    }
}
