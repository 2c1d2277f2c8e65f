using System.Buffers;
using System.Text;
using System.Text.Json;
using Serverless.Core.Models;
using Serverless.Core.Scoring;
using Serverless.Core.Tests.Scoring.TestModels;

namespace Serverless.Core.Tests.Scoring;

public sealed class RecordScorerTests : IDisposable
{
    private readonly OnnxScoringModel _xgb =
        new(TestManifests.For("xgb", 3, TestManifests.Xgb, ModelTask.Regression, TestManifests.XgbSchema(firstRequired: true)), TestManifests.Xgb);

    private readonly RecordScorer _scorer = new(maxRecordsPerRequest: 3);

    public void Dispose() => _xgb.Dispose();

    private (bool Ok, string? Error, JsonElement Body) Score(IScoringModel model, string json)
    {
        var output = new ArrayBufferWriter<byte>();
        var ok = _scorer.TryScore(model, Encoding.UTF8.GetBytes(json), "req-1", output, out var error);
        return (ok, error, ok ? JsonDocument.Parse(output.WrittenMemory).RootElement : default);
    }

    [Fact]
    public void TryScore_Records_WritesValuesEqualToEncodedScoring()
    {
        var (ok, error, body) = Score(_xgb, """{ "records": [ { "a": 1, "b": "2.5", "c": null, "d": "high" }, { "d": "low", "a": -3 } ] }""");

        Assert.True(ok, error);
        var expected = _xgb.ScoreEncoded(new[] { 1f, 2.5f, float.NaN, 1f, -3f, float.NaN, float.NaN, 0f }, 2).Values!;
        Assert.Equal("req-1", body.GetProperty("requestId").GetString());
        Assert.Equal("xgb", body.GetProperty("model").GetString());
        Assert.Equal(3, body.GetProperty("version").GetInt32());
        var predictions = body.GetProperty("predictions");
        Assert.Equal(2, predictions.GetArrayLength());
        Assert.Equal(expected[0], predictions[0].GetProperty("value").GetSingle());
        Assert.Equal(expected[1], predictions[1].GetProperty("value").GetSingle());
    }

    [Fact]
    public void TryScore_WithRecorder_RecordsRowsStagesAndRefusalsOfTheVersion()
    {
        var recorder = Monitoring.MonitoringTestData.Recorder(new ManualTimeProvider());
        var scorer = new RecordScorer(3, recorder);
        var output = new ArrayBufferWriter<byte>();

        Assert.True(scorer.TryScore(_xgb, """{ "records": [ { "a": 1, "c": null }, { "a": 2 } ] }"""u8, "r", output, out _));
        Assert.False(scorer.TryScore(_xgb, """{ "records": [ { "a": 1, "d": "mid" } ] }"""u8, "r", output, out _));
        Assert.False(scorer.TryScore(_xgb, """{ "records": [ { "b": 1 } ] }"""u8, "r", output, out _));

        var window = recorder.Recent("xgb", 3)!;
        Assert.Equal(3, window.Requests);
        Assert.Equal(2, window.Records);
        Assert.Equal(2, window.Features["c"].Missing);
        Assert.Equal(1, window.Errors[Serverless.Core.Scoring.ScoringErrorKinds.UnseenCategory]);
        Assert.Equal(1, window.UnseenCategories["d"]);
        Assert.Equal(1, window.Errors[Serverless.Core.Scoring.ScoringErrorKinds.InvalidInput]);
        Assert.All([ScoringStages.Parse, ScoringStages.Infer, ScoringStages.Write], s => Assert.True(window.StageMilliseconds[s] > 0, s));
        Assert.Equal(2, window.Scores!.Count); // regression values, one bin without a training histogram
    }

    [Fact]
    public void TryScore_Classifier_WritesLabelAndProbabilitiesByClass()
    {
        var onnx = TestOnnxModels.Classifier();
        using var model = new OnnxScoringModel(
            TestManifests.For("churn", 1, onnx, ModelTask.Classification, TestManifests.ClassifierSchema(), ["stay", "leave"]), onnx);

        var (ok, error, body) = Score(model, """{ "records": [ { "x0": 0.9, "x1": 1 } ] }""");

        Assert.True(ok, error);
        var prediction = body.GetProperty("predictions")[0];
        Assert.Equal("leave", prediction.GetProperty("label").GetString());
        Assert.Equal(0.3f, prediction.GetProperty("probabilities").GetProperty("stay").GetSingle());
        Assert.Equal(0.7f, prediction.GetProperty("probabilities").GetProperty("leave").GetSingle());
    }

    [Theory]
    [InlineData("""{ "records": [ { "a": 1, "foo": 2 } ] }""", "records[0].foo is not a feature of model xgb")]
    [InlineData("""{ "records": [ { "a": 1 }, { "b": 2 } ] }""", "records[1].a: Field 'a' is required")]
    [InlineData("""{ "records": [ { "a": "x" } ] }""", "records[0].a: Field 'a' expects a number")]
    [InlineData("""{ "records": [ { "a": "NaN" } ] }""", "records[0].a: Field 'a' must be a finite number")]
    [InlineData("""{ "records": [ { "a": 1e39 } ] }""", "fits a float")]
    [InlineData("""{ "records": [ { "a": true } ] }""", "records[0].a: Field 'a' is numeric and does not take a boolean")]
    [InlineData("""{ "records": [ { "a": [1] } ] }""", "got an array")]
    [InlineData("""{ "records": [ { "a": 1, "d": "mid" } ] }""", "unknown category 'mid'")]
    [InlineData("""{ "records": [ { "a": 1, "d": 1 } ] }""", "categorical")]
    [InlineData("""{ "records": [ { "a": 1, "a": 2 } ] }""", "records[0].a is given twice")]
    [InlineData("""{ "records": [] }""", "'records' is empty")]
    [InlineData("""{ "records": {} }""", "'records' must be an array")]
    [InlineData("""{ "records": [ 1 ] }""", "records[0] must be an object")]
    [InlineData("""{ "rows": [] }""", "'rows' is not a request field")]
    [InlineData("""{ }""", "no 'records' array")]
    [InlineData("""[ ]""", "must be a JSON object")]
    [InlineData("""{ "records": [ { "a": 1 } ] } x""", "not valid JSON")]
    [InlineData("""{ "records": [ { "a": 1 """, "not valid JSON")]
    [InlineData("""{ "records": [ {"a":1}, {"a":1}, {"a":1}, {"a":1} ] }""", "more than 3 records")]
    [InlineData("""{ "records": [ {"a":1} ], "records": [ {"a":1} ] }""", "given twice")]
    public void TryScore_BadBody_RefusesNamingTheField(string json, string expected)
    {
        var (ok, error, _) = Score(_xgb, json);

        Assert.False(ok);
        Assert.Contains(expected, error);
    }

    [Fact]
    public void TryScore_EscapedAndLongFieldNames_AreDecoded()
    {
        var longName = new string('z', 300);

        var (ok, error, _) = Score(_xgb, "{ \"records\": [ { \"\\u0061\": 1, \"" + longName + "\": 1 } ] }");

        Assert.False(ok);
        Assert.Contains($"records[0].{longName} is not a feature", error);
    }

    [Fact]
    public void Constructor_ZeroRecords_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new RecordScorer(0));
    }
}
