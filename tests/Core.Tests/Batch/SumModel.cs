using Serverless.Core.Models;
using Serverless.Core.Scoring;
using Serverless.Core.Scoring.OpenInference;

namespace Serverless.Core.Tests.Batch;

/// <summary>
/// A hand-written <see cref="IScoringModel"/>: classification p(1) = sigmoid(sum of features, NaN as 0), or
/// regression value = the sum. Predictable, so tests check every output row against it.
/// </summary>
internal sealed class SumModel(ModelManifest manifest) : IScoringModel
{
    public ModelManifest Manifest { get; } = manifest;

    public FeatureEncoder? Encoder { get; } = manifest.Features is null ? null : new FeatureEncoder(manifest.Features);

    /// <summary>Called before each batch (fault injection).</summary>
    public Action<int>? BeforeBatch { get; init; }

    public int Batches { get; private set; }

    public static SumModel Create(
        string name, int version = 1, ModelTask task = ModelTask.Classification, params FeatureDefinition[] features) =>
        new(new ModelManifest
        {
            Name = name,
            Version = version,
            Task = task,
            Features = new FeatureSchema("input", features),
            ClassLabels = task == ModelTask.Classification ? ["0", "1"] : null,
            Inputs = [new TensorSpec("input", "FP32", [-1, features.Length])],
            Outputs = [],
            ArtifactSha256 = new string('0', 64),
            CreatedAt = DateTimeOffset.UnixEpoch,
            CreatedBy = "test",
        });

    public static float Sum(ReadOnlySpan<float> row)
    {
        var sum = 0f;
        foreach (var v in row)
        {
            sum += float.IsNaN(v) ? 0 : v;
        }

        return sum;
    }

    public static float ProbabilityOfOne(float sum) => 1f / (1f + MathF.Exp(-sum / 100f));

    /// <summary>Batch scoring uses encoded rows only; raw tensors are the OIP endpoint's concern.</summary>
    public IReadOnlyList<InferenceTensor> Infer(IReadOnlyList<InferenceTensor> inputs, IReadOnlyList<string>? outputs = null) =>
        throw new NotSupportedException("SumModel scores encoded rows only.");

    public TabularPredictions ScoreEncoded(ReadOnlyMemory<float> features, int rows)
    {
        BeforeBatch?.Invoke(Batches);
        Batches++;
        var width = Encoder!.Width;
        var span = features.Span;
        if (Manifest.Task == ModelTask.Regression)
        {
            var values = new float[rows];
            for (var r = 0; r < rows; r++)
            {
                values[r] = Sum(span.Slice(r * width, width));
            }

            return new TabularPredictions(rows, null, null, null, values);
        }

        var labels = new string[rows];
        var probabilities = new float[rows * 2];
        for (var r = 0; r < rows; r++)
        {
            var p = ProbabilityOfOne(Sum(span.Slice(r * width, width)));
            probabilities[2 * r] = 1 - p;
            probabilities[2 * r + 1] = p;
            labels[r] = p >= 0.5f ? "1" : "0";
        }

        return new TabularPredictions(rows, labels, probabilities, ["0", "1"], null);
    }
}
