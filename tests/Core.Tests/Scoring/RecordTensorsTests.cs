using Serverless.Core.Models;
using Serverless.Core.Scoring;
using Serverless.Core.Scoring.OpenInference;
using Serverless.Core.Tests.Scoring.TestModels;

namespace Serverless.Core.Tests.Scoring;

public class RecordTensorsTests
{
    private static readonly ModelManifest Regressor = TestManifests.For("r", 1, TestManifests.Xgb, ModelTask.Regression, TestManifests.XgbSchema());
    private static readonly ModelManifest Classifier = TestManifests.For("c", 1, TestManifests.Xgb, ModelTask.Classification, TestManifests.XgbSchema(), ["no", "yes"]);

    [Fact]
    public void TryEncode_Records_OneFp32TensorForTheSchemasInput()
    {
        var encoder = new FeatureEncoder(TestManifests.XgbSchema());

        Assert.True(RecordTensors.TryEncode(encoder, "r", """{ "records": [ { "a": 1, "d": "high" }, { "b": 2 } ] }"""u8, 10, out var input, out var error), error);

        Assert.Equal(("X", OipDatatype.Fp32), (input.Name, input.Datatype));
        Assert.Equal([2L, 4L], input.Shape);
        Assert.Equal(new[] { 1f, float.NaN, float.NaN, 1f, float.NaN, 2f, float.NaN, float.NaN }, (float[])input.Data);
        Assert.False(RecordTensors.TryEncode(encoder, "r", """{ "records": [ { "d": "medium" } ] }"""u8, 10, out _, out error));
        Assert.Contains("medium", error);
    }

    [Fact]
    public void ToPredictions_Regression_FirstOutputWithOneValuePerRow()
    {
        var outputs = new[] { new InferenceTensor("other", OipDatatype.Fp32, [3, 2], new float[6]), new InferenceTensor("y", OipDatatype.Fp64, [2, 1], new[] { 1.5, 2.5 }) };

        Assert.Equal(new[] { 1.5f, 2.5f }, RecordTensors.ToPredictions(Regressor, 2, outputs).Values);
    }

    [Fact]
    public void ToPredictions_Classification_ProbabilitiesWithManifestLabels_LabelOutputWins()
    {
        var probabilities = new InferenceTensor("p", OipDatatype.Fp32, [2, 2], new[] { 0.9f, 0.1f, 0.3f, 0.7f });

        var argMax = RecordTensors.ToPredictions(Classifier, 2, [probabilities]);
        var labelled = RecordTensors.ToPredictions(Classifier, 2, [new InferenceTensor("label", OipDatatype.Int64, [2], new[] { 1L, 1L }), probabilities]);

        Assert.Equal(["no", "yes"], argMax.Labels!);
        Assert.Equal(["no", "yes"], argMax.ClassLabels);
        Assert.Equal(new[] { "1", "1" }, labelled.Labels);
    }

    [Fact]
    public void ToPredictions_NoRecordForm_ThrowsNamingTheModelAndTask()
    {
        var e = Assert.Throws<InvalidOperationException>(() =>
            RecordTensors.ToPredictions(Classifier, 2, [new InferenceTensor("x", OipDatatype.Fp32, [2], new float[2])]));

        Assert.Contains("Model 'c' version 1", e.Message);
        Assert.Contains("Classification", e.Message);
    }

    [Theory]
    [InlineData(false, ModelTask.Other, "task 'other'")]
    [InlineData(true, ModelTask.Regression, "one input per feature")]
    public void Unsupported_ModelsRecordsCannotFeed_SayWhy(bool perFeature, ModelTask task, string expected)
    {
        var manifest = TestManifests.For("m", 1, TestManifests.Xgb, task, TestManifests.XgbSchema() with { InputPerFeature = perFeature });

        Assert.Contains(expected, RecordTensors.Unsupported(manifest));
        Assert.Null(RecordTensors.Unsupported(Regressor));
    }
}
