namespace Serverless.Training.Onnx;

/// <summary>
/// The weights of a multilayer perceptron with ReLU between layers and a softmax at the end, generated from a seed.
/// </summary>
/// <remarks>
/// Layer <c>l</c> maps <c>Widths[l]</c> inputs to <c>Widths[l + 1]</c> outputs: <c>y = x W + b</c> with <c>W</c> stored
/// row-major as <c>[in, out]</c>. The same widths and seed always give the same weights (<see cref="Random"/> with a
/// seed is stable across runs and platforms), so a test, a benchmark and an exported ONNX file agree bit for bit.
/// <see cref="Evaluate"/> is a plain C# implementation of the network, kept to check ONNX Runtime against.
/// Immutable; thread-safe.
/// </remarks>
public sealed class MlpWeights
{
    private MlpWeights(int[] widths, float[][] weights, float[][] biases)
    {
        Widths = widths;
        Weights = weights;
        Biases = biases;
    }

    /// <summary>Layer widths, input first: e.g. 256, 1024, 1024, 10.</summary>
    public IReadOnlyList<int> Widths { get; }

    /// <summary>Per layer, <c>[in, out]</c> row-major.</summary>
    public IReadOnlyList<float[]> Weights { get; }

    /// <summary>Per layer, <c>[out]</c>.</summary>
    public IReadOnlyList<float[]> Biases { get; }

    public int InputWidth => Widths[0];

    public int OutputWidth => Widths[^1];

    /// <summary>Uniform weights scaled by <c>sqrt(3 / in)</c> (unit variance through each layer) and small biases.</summary>
    public static MlpWeights Generate(IReadOnlyList<int> widths, int seed)
    {
        if (widths.Count < 2 || widths.Any(w => w < 1))
        {
            throw new ArgumentException("An MLP needs at least two positive layer widths.", nameof(widths));
        }

        var random = new Random(seed);
        var layers = widths.Count - 1;
        var weights = new float[layers][];
        var biases = new float[layers][];
        for (var l = 0; l < layers; l++)
        {
            var (fanIn, fanOut) = (widths[l], widths[l + 1]);
            var scale = Math.Sqrt(3.0 / fanIn);
            weights[l] = new float[fanIn * fanOut];
            for (var i = 0; i < weights[l].Length; i++)
            {
                weights[l][i] = (float)((random.NextDouble() * 2 - 1) * scale);
            }

            biases[l] = new float[fanOut];
            for (var i = 0; i < fanOut; i++)
            {
                biases[l][i] = (float)((random.NextDouble() * 2 - 1) * 0.1);
            }
        }

        return new MlpWeights([.. widths], weights, biases);
    }

    /// <summary>Runs the network on <paramref name="rows"/> rows of <see cref="InputWidth"/> floats; returns softmax probabilities.</summary>
    public float[] Evaluate(ReadOnlySpan<float> input, int rows)
    {
        if (input.Length != rows * InputWidth)
        {
            throw new ArgumentException($"Expected {rows} x {InputWidth} floats, got {input.Length}.", nameof(input));
        }

        var current = input.ToArray();
        for (var l = 0; l < Weights.Count; l++)
        {
            var (fanIn, fanOut) = (Widths[l], Widths[l + 1]);
            var next = new float[rows * fanOut];
            for (var r = 0; r < rows; r++)
            {
                for (var o = 0; o < fanOut; o++)
                {
                    // Double accumulation: the reference should be at least as exact as what it checks.
                    double sum = Biases[l][o];
                    for (var i = 0; i < fanIn; i++)
                    {
                        sum += current[(r * fanIn) + i] * (double)Weights[l][(i * fanOut) + o];
                    }

                    next[(r * fanOut) + o] = l < Weights.Count - 1 ? (float)Math.Max(sum, 0) : (float)sum;
                }
            }

            current = next;
        }

        Softmax(current, rows, OutputWidth);
        return current;
    }

    private static void Softmax(float[] logits, int rows, int width)
    {
        for (var r = 0; r < rows; r++)
        {
            var row = logits.AsSpan(r * width, width);
            var max = double.NegativeInfinity;
            foreach (var v in row)
            {
                max = Math.Max(max, v);
            }

            double total = 0;
            for (var i = 0; i < width; i++)
            {
                total += Math.Exp(row[i] - max);
            }

            for (var i = 0; i < width; i++)
            {
                row[i] = (float)(Math.Exp(row[i] - max) / total);
            }
        }
    }
}
