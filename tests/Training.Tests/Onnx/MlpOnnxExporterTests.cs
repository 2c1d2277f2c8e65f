using Microsoft.ML.OnnxRuntime;
using Serverless.Training.Onnx;

namespace Serverless.Training.Tests.Onnx;

public class MlpOnnxExporterTests
{
    private static readonly int[] Widths = [256, 1024, 1024, 10];

    [Fact]
    public void Export_RunInOnnxRuntime_MatchesCSharpReference()
    {
        var mlp = MlpWeights.Generate(Widths, seed: 42);
        const int rows = 16;
        var input = RandomRows(rows, mlp.InputWidth, seed: 7);

        var actual = Run(MlpOnnxExporter.Export(mlp), input, rows);
        var expected = mlp.Evaluate(input, rows);

        Assert.Equal(expected.Length, actual.Length);
        for (var i = 0; i < expected.Length; i++)
        {
            Assert.True(Math.Abs(expected[i] - actual[i]) < 1e-5f, $"Element {i}: ONNX Runtime {actual[i]}, reference {expected[i]}.");
        }
    }

    [Fact]
    public void Export_Probabilities_SumToOneAndAreNotDegenerate()
    {
        var mlp = MlpWeights.Generate(Widths, seed: 42);
        const int rows = 64;

        var probabilities = Run(MlpOnnxExporter.Export(mlp), RandomRows(rows, mlp.InputWidth, seed: 3), rows);

        var winners = new HashSet<int>();
        for (var r = 0; r < rows; r++)
        {
            var row = probabilities.AsSpan(r * 10, 10);
            var sum = 0f;
            foreach (var p in row)
            {
                sum += p;
            }

            Assert.Equal(1f, sum, 4);
            // A network whose softmax saturates would hide row mix-ups in batching tests; this one spreads its mass.
            Assert.True(row.ToArray().Max() < 0.99f, $"Row {r} is one-hot.");
            winners.Add(row.IndexOf(row.ToArray().Max()));
        }

        Assert.True(winners.Count > 1, "Every row picks the same class.");
    }

    [Fact]
    public void Export_LoadedInOnnxRuntime_HasDynamicBatchDimension()
    {
        using var session = new InferenceSession(MlpOnnxExporter.Export(MlpWeights.Generate([4, 8, 3], seed: 1)));

        Assert.Equal([-1, 4], session.InputMetadata[MlpOnnxExporter.InputName].Dimensions);
        Assert.Equal([-1, 3], session.OutputMetadata[MlpOnnxExporter.OutputName].Dimensions);
        Assert.Equal("N", session.InputMetadata[MlpOnnxExporter.InputName].SymbolicDimensions[0]);
    }

    [Fact]
    public void Generate_SameSeed_SameWeights()
    {
        var a = MlpWeights.Generate([8, 16, 4], seed: 5);
        var b = MlpWeights.Generate([8, 16, 4], seed: 5);
        var c = MlpWeights.Generate([8, 16, 4], seed: 6);

        Assert.Equal(a.Weights[1], b.Weights[1]);
        Assert.Equal(a.Biases[0], b.Biases[0]);
        Assert.NotEqual(a.Weights[0], c.Weights[0]);
    }

    [Fact]
    public void Generate_OneWidth_Throws() =>
        Assert.Throws<ArgumentException>(() => MlpWeights.Generate([8], seed: 1));

    private static float[] RandomRows(int rows, int width, int seed)
    {
        var random = new Random(seed);
        var values = new float[rows * width];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = (float)(random.NextDouble() * 2 - 1);
        }

        return values;
    }

    private static float[] Run(byte[] onnx, float[] input, int rows)
    {
        using var session = new InferenceSession(onnx);
        using var value = OrtValue.CreateTensorValueFromMemory(input, [rows, input.Length / rows]);
        using var runOptions = new RunOptions();
        using var outputs = session.Run(runOptions, [MlpOnnxExporter.InputName], [value], [MlpOnnxExporter.OutputName]);
        return outputs[0].GetTensorDataAsSpan<float>().ToArray();
    }
}
