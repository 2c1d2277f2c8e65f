using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace Serverless.Training.Tests;

/// <summary>Scores encoded rows with ONNX Runtime, the way serving does: one float tensor [N, F].</summary>
internal static class OnnxScorer
{
    /// <summary>Classifier outputs: labels as text (int64 or string tensors) and row-major probabilities.</summary>
    public static (string[] Labels, float[] Probabilities) Classify(byte[] onnx, IReadOnlyList<float[]> rows)
    {
        using var session = new InferenceSession(onnx);
        using var input = Input(rows);
        using var runOptions = new RunOptions();
        using var outputs = session.Run(runOptions, ["features"], [input], ["label", "probabilities"]);
        var labels = outputs[0].GetTensorTypeAndShape().ElementDataType == TensorElementType.String
            ? outputs[0].GetStringTensorAsArray()
            : [.. outputs[0].GetTensorDataAsSpan<long>().ToArray().Select(l => l.ToString(System.Globalization.CultureInfo.InvariantCulture))];
        return (labels, outputs[1].GetTensorDataAsSpan<float>().ToArray());
    }

    /// <summary>Regressor output: one value per row.</summary>
    public static float[] Regress(byte[] onnx, IReadOnlyList<float[]> rows)
    {
        using var session = new InferenceSession(onnx);
        using var input = Input(rows);
        using var runOptions = new RunOptions();
        using var outputs = session.Run(runOptions, ["features"], [input], ["value"]);
        return outputs[0].GetTensorDataAsSpan<float>().ToArray();
    }

    private static OrtValue Input(IReadOnlyList<float[]> rows)
    {
        var width = rows[0].Length;
        var flat = new float[rows.Count * width];
        for (var i = 0; i < rows.Count; i++)
        {
            rows[i].CopyTo(flat, i * width);
        }

        return OrtValue.CreateTensorValueFromMemory(flat, [rows.Count, width]);
    }
}
