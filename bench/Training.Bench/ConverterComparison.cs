using System.Diagnostics;
using Microsoft.ML;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using Serverless.Training.Data;
using Serverless.Training.MlNet;
using Serverless.Training.Spec;

namespace Serverless.Training.Bench;

/// <summary>
/// Our exporter vs Microsoft.ML.OnnxConverter on the very same trained ML.NET model: max difference from ML.NET's own
/// predictions, label agreement, file size, and ONNX Runtime scoring time (1 row per call and 1,000 rows per call).
/// </summary>
internal static class ConverterComparison
{
    public static void Run(string name, TrainingResult result, float[][] rows)
    {
        var model = result.Model!;
        var expected = model.Predict(rows);
        var ml = new MLContext(1);
        byte[]? converted = null;
        string? failure = null;
        try
        {
            using var stream = new MemoryStream();
            ml.Model.ConvertToOnnx(model.Model, TrainingRows.Features(ml, rows.Take(10).ToList(), model.FeatureCount), stream);
            converted = stream.ToArray();
        }
        catch (Exception e)
        {
            failure = $"{e.GetType().Name}: {e.Message}";
        }

        using var ours = Session(result.Onnx);
        Report($"{name} ours", result.Onnx.Length, ours, rows, expected, model.Task);
        if (converted is null)
        {
            Console.WriteLine($"{name} OnnxConverter: export failed: {failure}");
            return;
        }

        using var theirs = Session(converted);
        Report($"{name} OnnxConverter", converted.Length, theirs, rows, expected, model.Task);

        // Scoring time, the two sessions alternating over 5 rounds (medians), as serving runs them: 1 intra-op thread.
        foreach (var batch in new[] { 1, 1_000 })
        {
            var calls = batch == 1 ? 2_000 : 20;
            var a = new List<double>();
            var b = new List<double>();
            for (var round = 0; round < 5; round++)
            {
                a.Add(Time(ours, rows, batch, calls));
                b.Add(Time(theirs, rows, batch, calls));
            }

            Console.WriteLine($"{name} scoring {batch} row(s)/call: ours {Median(a):F3} us/row, OnnxConverter {Median(b):F3} us/row, ratio {Median(a) / Median(b):F2}x");
        }
    }

    private static InferenceSession Session(byte[] onnx)
    {
        using var options = new SessionOptions { IntraOpNumThreads = 1, InterOpNumThreads = 1, GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL };
        return new InferenceSession(onnx, options);
    }

    private static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);

    private static void Report(string label, int bytes, InferenceSession session, float[][] rows, ModelOutputs expected, TrainingTask task)
    {
        var (values, labels) = Score(session, rows, task);
        double maxDiff = 0;
        var reference = task == TrainingTask.Regression ? expected.Scores! : expected.Probabilities!;
        var stride = reference.Length / rows.Length;
        // Binary: ML.NET's converter gives the positive probability only; compare that column.
        var offset = task == TrainingTask.Binary && values.Length == rows.Length ? 1 : 0;
        var width = values.Length / rows.Length;
        for (var r = 0; r < rows.Length; r++)
        {
            for (var c = 0; c < width; c++)
            {
                maxDiff = Math.Max(maxDiff, Math.Abs(values[r * width + c] - reference[r * stride + c + offset]));
            }
        }

        var agree = labels is null ? "n/a" : $"{labels.Where((l, i) => l == expected.Labels![i]).Count() * 100.0 / rows.Length:F2}%";
        Console.WriteLine($"{label}: {bytes} bytes, max diff vs ML.NET {maxDiff:E2} over {rows.Length} rows, labels equal {agree}");
    }

    /// <summary>Scores every row; returns the probabilities (or values) row-major and the label indexes when the model has a label output.</summary>
    private static (float[] Values, int[]? Labels) Score(InferenceSession session, float[][] rows, TrainingTask task)
    {
        using var outputs = Run(session, rows);
        var names = session.OutputNames;
        int Find(params string[] candidates) => names.ToList().FindIndex(n => candidates.Any(c => n.StartsWith(c, StringComparison.Ordinal)));
        var valueIndex = task switch
        {
            TrainingTask.Regression => Find("value", "Score"),
            TrainingTask.Binary => Find("probabilities", "Probability"),
            _ => Find("probabilities", "Score"),
        };
        var values = outputs[valueIndex].GetTensorDataAsSpan<float>().ToArray();
        var labelIndex = Find("label", "PredictedLabel");
        if (task == TrainingTask.Regression || labelIndex < 0)
        {
            return (values, null);
        }

        var label = outputs[labelIndex];
        var type = label.GetTensorTypeAndShape().ElementDataType;
        int[] labels = type switch
        {
            TensorElementType.Int64 => [.. label.GetTensorDataAsSpan<long>().ToArray().Select(l => (int)l)],
            // ML.NET's converter writes keys 1-based (uint32) and booleans for binary.
            TensorElementType.UInt32 => [.. label.GetTensorDataAsSpan<uint>().ToArray().Select(k => (int)k - 1)],
            TensorElementType.Bool => [.. label.GetTensorDataAsSpan<bool>().ToArray().Select(b => b ? 1 : 0)],
            _ => [],
        };
        return (values, labels.Length == rows.Length ? labels : null);
    }

    /// <summary>Microseconds per row: inputs built once, RunOptions reused, every output read, after one warm-up call.</summary>
    private static double Time(InferenceSession session, float[][] rows, int batch, int calls)
    {
        var (names, inputs) = Inputs(session, rows.Take(batch).ToArray());
        using var runOptions = new RunOptions();
        try
        {
            using (session.Run(runOptions, names, inputs, session.OutputNames))
            {
                // Warm-up.
            }

            var watch = Stopwatch.StartNew();
            for (var i = 0; i < calls; i++)
            {
                using var outputs = session.Run(runOptions, names, inputs, session.OutputNames);
            }

            return watch.Elapsed.TotalMicroseconds / (calls * (double)batch);
        }
        finally
        {
            inputs.ForEach(i => i.Dispose());
        }
    }

    private static IDisposableReadOnlyCollection<OrtValue> Run(InferenceSession session, float[][] rows)
    {
        var (names, inputs) = Inputs(session, rows);
        try
        {
            using var runOptions = new RunOptions();
            return session.Run(runOptions, names, inputs, session.OutputNames);
        }
        finally
        {
            inputs.ForEach(i => i.Dispose());
        }
    }

    /// <summary>The feature matrix for the features input, zeros for any other (the converter also exports the unused Label column).</summary>
    private static (List<string> Names, List<OrtValue> Values) Inputs(InferenceSession session, float[][] rows)
    {
        var inputs = new List<OrtValue>();
        var names = new List<string>();
        foreach (var (name, meta) in session.InputMetadata)
        {
            names.Add(name);
            if (name is "features" or "Features")
            {
                inputs.Add(OrtValue.CreateTensorValueFromMemory(rows.SelectMany(r => r).ToArray(), [rows.Length, rows[0].Length]));
            }
            else
            {
                inputs.Add(OrtValue.CreateTensorValueFromMemory(new float[rows.Length], [rows.Length, 1]));
            }
        }

        return (names, inputs);
    }
}
