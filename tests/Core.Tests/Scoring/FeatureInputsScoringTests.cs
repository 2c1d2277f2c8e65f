using System.Buffers;
using System.Text;
using System.Text.Json;
using Serverless.Core.Models;
using Serverless.Core.Scoring;
using Serverless.Core.Tests.Scoring.TestModels;

namespace Serverless.Core.Tests.Scoring;

/// <summary>Models with one named input per feature, scored by records through real ONNX Runtime sessions.</summary>
public class FeatureInputsScoringTests
{
    private static readonly FeatureSchema Schema = new("",
    [
        new FeatureDefinition("a", FeatureKind.Numeric),
        new FeatureDefinition("b", FeatureKind.Numeric, Required: true),
        new FeatureDefinition("c", FeatureKind.Categorical, ["low", "high"], Required: true),
    ], InputPerFeature: true);

    [Fact]
    public void TryScore_OneInputPerFeature_EachFieldReachesItsInputInItsType()
    {
        var onnx = TestOnnxModels.PerFeatureRegressor();
        using var model = new OnnxScoringModel(TestManifests.For("pf", 1, onnx, ModelTask.Regression, Schema), onnx);

        var (ok, error, body) = Score(model, """{ "records": [ { "a": 1.5, "b": 2, "c": "high" }, { "b": -4, "c": "low" } ] }""");

        Assert.True(ok, error);
        var predictions = body.GetProperty("predictions");
        Assert.Equal(203.5f, predictions[0].GetProperty("value").GetSingle());
        // A missing float is NaN, which the sum carries: the model saw exactly what was sent.
        Assert.True(float.IsNaN(model.ScoreEncoded(new[] { float.NaN, -4f, 0f }, 1).Values![0]));
        Assert.Equal(96f, model.ScoreEncoded(new[] { 0f, -4f, 0f }, 1).Values![0]);
    }

    [Theory]
    [InlineData("""{ "records": [ { "a": 1, "b": 2.5, "c": "low" } ] }""", "must be a whole number")]
    [InlineData("""{ "records": [ { "a": 1, "c": "low" } ] }""", "'b' is required")]
    [InlineData("""{ "records": [ { "a": 1, "b": 1, "c": "mid" } ] }""", "unknown category 'mid'")]
    public void TryScore_ValueTheInputCannotTake_RefusedNamingTheField(string json, string message)
    {
        var onnx = TestOnnxModels.PerFeatureRegressor();
        using var model = new OnnxScoringModel(TestManifests.For("pf", 1, onnx, ModelTask.Regression, Schema), onnx);

        var (ok, error, _) = Score(model, json);

        Assert.False(ok);
        Assert.Contains(message, error);
    }

    [Fact]
    public void Default_NumericColumnInputs_OneFeaturePerInput_FloatOptionalIntegerRequired()
    {
        var (inputs, _) = OnnxModelInspector.Inspect(TestOnnxModels.PerFeatureRegressor(text: false));

        var schema = FeatureInputs.Default(inputs)!;

        Assert.True(schema.InputPerFeature);
        Assert.Equal([("a", FeatureKind.Numeric, false), ("b", FeatureKind.Numeric, true)], schema.Features.Select(f => (f.Name, f.Kind, f.Required)));
        Assert.Null(FeatureInputs.Default(OnnxModelInspector.Inspect(TestOnnxModels.PerFeatureRegressor()).Inputs));
    }

    [Theory]
    [InlineData("x", FeatureKind.Numeric, false, "feeds the input of its name")]
    [InlineData("c", FeatureKind.Numeric, true, "is numeric but input 'c' is BYTES")]
    [InlineData("c", FeatureKind.Categorical, false, "mark it required")]
    public void Check_SchemaThatDoesNotFit_SaysWhy(string name, FeatureKind kind, bool required, string message)
    {
        var (inputs, _) = OnnxModelInspector.Inspect(TestOnnxModels.PerFeatureRegressor());
        var categories = kind == FeatureKind.Categorical ? new[] { "low" } : null;
        var schema = Schema with { Features = [Schema.Features[0], Schema.Features[1], new FeatureDefinition(name, kind, categories, required)] };

        Assert.Contains(message, FeatureInputs.Check(schema, inputs));
        Assert.Null(FeatureInputs.Check(Schema, inputs));
    }

    private static (bool Ok, string? Error, JsonElement Body) Score(IScoringModel model, string json)
    {
        var output = new ArrayBufferWriter<byte>();
        var ok = new RecordScorer(10).TryScore(model, Encoding.UTF8.GetBytes(json), "r", output, out var error);
        return (ok, error, ok ? JsonDocument.Parse(output.WrittenMemory).RootElement : default);
    }
}
