using Microsoft.ML.OnnxRuntime;

namespace Serverless.Training.Tests;

/// <summary>Scores encoded rows with ONNX Runtime, the way serving does: one float tensor [N, F].</summary>
internal static class OnnxScorer
{
    public static (long[] Labels, float[] Probabilities) Run(byte[] onnx, IReadOnlyList<float[]> rows)
    {
        var width = rows[0].Length;
        var flat = new float[rows.Count * width];
        for (var i = 0; i < rows.Count; i++)
        {
            rows[i].CopyTo(flat, i * width);
        }

        using var session = new InferenceSession(onnx);
        using var input = OrtValue.CreateTensorValueFromMemory(flat, [rows.Count, width]);
        using var runOptions = new RunOptions();
        using var outputs = session.Run(runOptions, ["features"], [input], ["label", "probabilities"]);
        return (outputs[0].GetTensorDataAsSpan<long>().ToArray(), outputs[1].GetTensorDataAsSpan<float>().ToArray());
    }
}
