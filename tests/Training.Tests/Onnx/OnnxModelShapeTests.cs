using Microsoft.ML.OnnxRuntime;

namespace Serverless.Training.Tests.Onnx;

public class OnnxModelShapeTests(SyntheticModelFixture fixture) : IClassFixture<SyntheticModelFixture>
{
    [Fact]
    public void Export_LoadedInOnnxRuntime_HasFeaturesInputOfVariableBatch()
    {
        using var session = new InferenceSession(fixture.Result.Onnx);

        var input = Assert.Single(session.InputMetadata);
        Assert.Equal("features", input.Key);
        Assert.Equal(typeof(float), input.Value.ElementType);
        Assert.Equal([-1, fixture.Result.Schema.Features.Count], input.Value.Dimensions);
        Assert.Equal("N", input.Value.SymbolicDimensions[0]);
    }

    [Fact]
    public void Export_LoadedInOnnxRuntime_HasLabelAndProbabilitiesOutputs()
    {
        using var session = new InferenceSession(fixture.Result.Onnx);

        Assert.Equal(["label", "probabilities"], session.OutputNames);
        Assert.Equal(typeof(long), session.OutputMetadata["label"].ElementType);
        Assert.Equal([-1], session.OutputMetadata["label"].Dimensions);
        Assert.Equal(typeof(float), session.OutputMetadata["probabilities"].ElementType);
        Assert.Equal([-1, 2], session.OutputMetadata["probabilities"].Dimensions);
    }

    [Fact]
    public void Export_Probabilities_SumToOneAndLabelIsArgmax()
    {
        var (labels, probabilities) = OnnxScorer.Classify(fixture.Result.Onnx, fixture.ScoringRows.Take(1_000).ToList());

        for (var i = 0; i < labels.Length; i++)
        {
            Assert.Equal(1f, probabilities[2 * i] + probabilities[2 * i + 1], 5);
            Assert.Equal(probabilities[2 * i + 1] > 0.5f ? "1" : "0", labels[i]);
        }
    }
}
