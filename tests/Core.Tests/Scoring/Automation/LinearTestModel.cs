using Serverless.Core.Models;
using Serverless.Core.Scoring;
using Serverless.Core.Scoring.OpenInference;
using Serverless.Core.Tests.Monitoring;

namespace Serverless.Core.Tests.Scoring.Automation;

/// <summary>
/// A hand-checkable classifier on <see cref="MonitoringTestData.Manifest"/>'s schema (age, plan): P(1) = 0.01 * age + 0.2 * plan,
/// clamped to [0, 1]; a missing age counts as 0. Counts the rows it scored.
/// </summary>
internal sealed class LinearTestModel : IScoringModel
{
    public ModelManifest Manifest { get; } = MonitoringTestData.Manifest();

    public FeatureEncoder? Encoder => new(Manifest.Features!);

    public int RowsScored { get; private set; }

    public static float P1(float age, float plan) => Math.Clamp(0.01f * (float.IsNaN(age) ? 0 : age) + 0.2f * plan, 0, 1);

    public TabularPredictions ScoreEncoded(ReadOnlyMemory<float> features, int rows)
    {
        RowsScored += rows;
        var span = features.Span;
        var probabilities = new float[rows * 2];
        var labels = new string[rows];
        for (var r = 0; r < rows; r++)
        {
            var p = P1(span[r * 2], span[r * 2 + 1]);
            (probabilities[r * 2], probabilities[r * 2 + 1]) = (1 - p, p);
            labels[r] = p >= 0.5f ? "1" : "0";
        }

        return new TabularPredictions(rows, labels, probabilities, ["0", "1"], null);
    }

    public IReadOnlyList<InferenceTensor> Infer(IReadOnlyList<InferenceTensor> inputs, IReadOnlyList<string>? outputs = null) =>
        throw new NotSupportedException();
}
