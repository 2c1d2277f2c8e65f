using Microsoft.ML.OnnxRuntime;
using Serverless.Core.Models;
using Serverless.Core.Scoring;
using Serverless.Core.Scoring.OpenInference;
using Serverless.Core.Tests.Scoring.TestModels;

namespace Serverless.Core.Tests.Scoring;

public class OnnxScoringModelTests
{
    private static OnnxScoringModel Xgb() =>
        new(TestManifests.For("xgb", 1, TestManifests.Xgb, ModelTask.Regression, TestManifests.XgbSchema()), TestManifests.Xgb);

    private static float[] DirectRun(float[] rows, int count)
    {
        using var session = new InferenceSession(TestManifests.Xgb);
        using var input = OrtValue.CreateTensorValueFromMemory(rows, [count, 4]);
        using var results = session.Run(new RunOptions(), ["X"], [input], ["variable"]);
        return results[0].GetTensorDataAsSpan<float>().ToArray();
    }

    [Fact]
    public void ScoreEncoded_XgbRegressor_MatchesDirectOrtRun()
    {
        using var model = Xgb();
        float[] rows = [1f, 2f, 3f, 0f, -4.5f, 0.25f, 100f, 1f, 0f, 0f, 0f, 0f];

        var predictions = model.ScoreEncoded(rows, 3);

        Assert.Equal(3, predictions.Rows);
        Assert.Null(predictions.Labels);
        Assert.Equal(DirectRun(rows, 3), predictions.Values);
    }

    [Fact]
    public void ScoreEncoded_ConcurrentCallers_AllMatchDirectRun()
    {
        using var model = Xgb();
        var expected = DirectRun([1f, 2f, 3f, 1f], 1)[0];

        var results = new float[64];
        Parallel.For(0, results.Length, i => results[i] = model.ScoreEncoded(new float[] { 1f, 2f, 3f, 1f }, 1).Values![0]);

        Assert.All(results, r => Assert.Equal(expected, r));
    }

    [Fact]
    public void ScoreEncoded_ConcurrentSingleRows_EachCallerGetsItsOwnRow()
    {
        // Single-record calls go through pooled input tensors: no caller may see another's row.
        using var model = Xgb();
        var rows = Enumerable.Range(0, 200).SelectMany(i => new[] { 4 + (i % 20 * 0.2f), 2 + (i / 20 * 0.25f), 1 + (i % 13 * 0.45f), 0.1f + (i % 9 * 0.3f) }).ToArray();
        using var session = new InferenceSession(TestManifests.Xgb);
        var expected = Enumerable.Range(0, 200).Select(i =>
        {
            using var input = OrtValue.CreateTensorValueFromMemory(rows[(i * 4)..((i * 4) + 4)], [1, 4]);
            using var output = session.Run(new RunOptions(), ["X"], [input], ["variable"]);
            return output[0].GetTensorDataAsSpan<float>()[0];
        }).ToArray();
        Assert.True(expected.Distinct().Count() > 20, "the rows must score differently for a mix-up to show");

        var results = new float[2_000];
        Parallel.For(0, results.Length, new ParallelOptions { MaxDegreeOfParallelism = 8 }, n =>
        {
            var i = n % 200;
            var buffer = new float[6]; // longer than the row, as a pooled request buffer is
            rows.AsSpan(i * 4, 4).CopyTo(buffer);
            buffer[4] = buffer[5] = float.NaN;
            results[n] = model.ScoreEncoded(buffer, 1).Values![0];
        });

        Assert.All(Enumerable.Range(0, results.Length), n => Assert.Equal(expected[n % 200], results[n]));
    }

    [Fact]
    public void ScoreEncoded_TooFewFloats_Throws()
    {
        using var model = Xgb();

        Assert.Throws<ArgumentException>(() => model.ScoreEncoded(new float[7], 2));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void ScoreEncoded_Classifier_MapsLabelsAndProbabilitiesToClassLabels(bool zipMap)
    {
        var onnx = TestOnnxModels.Classifier(zipMap);
        using var model = new OnnxScoringModel(
            TestManifests.For("churn", 1, onnx, ModelTask.Classification, TestManifests.ClassifierSchema(), ["stay", "leave"]), onnx);

        var predictions = model.ScoreEncoded(new float[] { 0.1f, 9f, 0.9f, 9f }, 2);

        Assert.Equal(new[] { "stay", "leave" }, predictions.Labels);
        Assert.Equal(["stay", "leave"], predictions.ClassLabels);
        Assert.Equal(new[] { 1f, 0f, 0.3f, 0.7f }, predictions.Probabilities);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void ScoreEncoded_ClassifierSingleRows_EveryCallMatchesTheBatch(bool zipMap)
    {
        // The first single-row call binds fixed output buffers (tensor outputs only; ZipMap stays unbound) and later
        // calls reuse them: each result must be its own row's, copied out, never the buffer a later call overwrites.
        var onnx = TestOnnxModels.Classifier(zipMap);
        using var model = new OnnxScoringModel(
            TestManifests.For("churn", 1, onnx, ModelTask.Classification, TestManifests.ClassifierSchema(), ["stay", "leave"]), onnx);
        float[] rows = [0.1f, 9f, 0.9f, 9f];
        var batch = model.ScoreEncoded(rows, 2);

        var singles = Enumerable.Range(0, 6).Select(i => model.ScoreEncoded(rows.AsMemory(i % 2 * 2, 2), 1)).ToList();

        for (var i = 0; i < singles.Count; i++)
        {
            Assert.Equal(batch.Labels![i % 2], Assert.Single(singles[i].Labels!));
            Assert.Equal(batch.Probabilities!.AsSpan(i % 2 * 2, 2).ToArray(), singles[i].Probabilities);
        }
    }

    [Fact]
    public void ScoreEncoded_ClassifierWithoutClassLabels_NamesClassesByValue()
    {
        var onnx = TestOnnxModels.Classifier();
        using var model = new OnnxScoringModel(TestManifests.For("churn", 1, onnx, ModelTask.Classification, TestManifests.ClassifierSchema()), onnx);

        var predictions = model.ScoreEncoded(new float[] { 0.9f, 0f }, 1);

        Assert.Equal(new[] { "1" }, predictions.Labels);
        Assert.Equal(["0", "1"], predictions.ClassLabels);
    }

    [Fact]
    public void Constructor_SchemaWidthDoesNotFitInput_ThrowsValidation()
    {
        var schema = new FeatureSchema("X", [new FeatureDefinition("a", FeatureKind.Numeric)]);

        var e = Assert.Throws<ModelValidationException>(() =>
            new OnnxScoringModel(TestManifests.For("xgb", 1, TestManifests.Xgb, ModelTask.Regression, schema), TestManifests.Xgb));
        Assert.Contains("[-1, 1]", e.Message);
    }

    [Fact]
    public void Constructor_NotOnnx_ThrowsValidation()
    {
        var manifest = TestManifests.For("xgb", 1, TestManifests.Xgb, ModelTask.Regression);

        Assert.Throws<ModelValidationException>(() => new OnnxScoringModel(manifest, "not a model"u8.ToArray()));
    }

    [Fact]
    public void ScoreEncoded_NoFeatureSchema_Throws()
    {
        using var model = new OnnxScoringModel(TestManifests.For("xgb", 1, TestManifests.Xgb, ModelTask.Regression), TestManifests.Xgb);

        Assert.Null(model.Encoder);
        Assert.Throws<InvalidOperationException>(() => model.ScoreEncoded(new float[4], 1));
    }

    [Fact]
    public void Dispose_WhileCallInFlight_ReleasesSessionAfterCall()
    {
        var model = Xgb();
        model.Enter();

        model.Dispose();
        Assert.False(model.IsReleased);
        model.Exit();

        Assert.True(model.IsReleased);
        Assert.Throws<ObjectDisposedException>(() => model.ScoreEncoded(new float[4], 1));
    }

    [Fact]
    public void Infer_Fp32OnXgb_MatchesDirectRun()
    {
        using var model = Xgb();
        float[] data = [1f, 2f, 3f, 0f, 5f, 6f, 7f, 1f];

        var outputs = model.Infer([new InferenceTensor("X", "FP32", [2, 4], data)]);

        var output = Assert.Single(outputs);
        Assert.Equal("variable", output.Name);
        Assert.Equal("FP32", output.Datatype);
        Assert.Equal([2L, 1L], output.Shape);
        Assert.Equal(DirectRun(data, 2), (float[])output.Data);
    }

    public static TheoryData<InferenceTensor[], string[]?, string> BadInferences() => new()
    {
        { [new("X", "FP64", [1, 4], new double[4])], null, "datatype FP64; model 'xgb' expects FP32" },
        { [new("Y", "FP32", [1, 4], new float[4])], null, "'Y' is not an input" },
        { [new("X", "FP32", [4], new float[4])], null, "expects rank 2" },
        { [new("X", "FP32", [1, 3], new float[3])], null, "dimension 1 must be 4" },
        { [new("X", "FP32", [2, 4], new float[4])], null, "has 4 data elements; shape [2,4] needs 8" },
        { [new("X", "FP32", [0, 4], new float[0])], null, "at least 1" },
        { [new("X", "FP32", [1, 4], new float[4]), new("X", "FP32", [1, 4], new float[4])], null, "given twice" },
        { [new("X", "FP32", [1, 4], new int[4])], null, "needs Single[]" },
        { [new("X", "FP32", [1, 4], new float[4])], ["nope"], "'nope' is not an output" },
        { [new("X", "FP32", [1, 4], new float[4])], ["variable", "variable"], "requested twice" },
    };

    [Theory]
    [MemberData(nameof(BadInferences))]
    public void Infer_InputDoesNotFit_ThrowsNamingIt(InferenceTensor[] inputs, string[]? outputs, string expected)
    {
        using var model = Xgb();

        var e = Assert.Throws<InvalidInferenceInputException>(() => model.Infer(inputs, outputs));

        Assert.Contains(expected, e.Message);
    }

    [Fact]
    public void Infer_MissingInput_NamesIt()
    {
        var onnx = TestOnnxModels.Identity(("a", TestOnnxModels.Float, [-1]), ("b", TestOnnxModels.Int64, [-1]));
        using var model = new OnnxScoringModel(TestManifests.For("pair", 1, onnx, ModelTask.Other), onnx);

        var e = Assert.Throws<InvalidInferenceInputException>(() => model.Infer([new InferenceTensor("a", "FP32", [1], new float[1])]));

        Assert.Contains("Input 'b' is missing", e.Message);
    }

    [Fact]
    public void Infer_EveryDatatype_RoundTripsThroughIdentity()
    {
        var onnx = TestOnnxModels.Identity(
            ("f", TestOnnxModels.Float, [-1, 2]), ("d", TestOnnxModels.Double, [-1]), ("l", TestOnnxModels.Int64, [-1]),
            ("i", TestOnnxModels.Int32, [-1]), ("h", TestOnnxModels.Int16, [-1]), ("s8", TestOnnxModels.Int8, [-1]),
            ("u8", TestOnnxModels.UInt8, [-1]), ("u16", TestOnnxModels.UInt16, [-1]), ("b", TestOnnxModels.Bool, [-1]),
            ("t", TestOnnxModels.String, [-1]));
        using var model = new OnnxScoringModel(TestManifests.For("mixed", 1, onnx, ModelTask.Other), onnx);
        InferenceTensor[] inputs =
        [
            new("f", "FP32", [2, 2], new[] { 1.5f, 2f, 3f, 4f }), new("d", "FP64", [2], new[] { 1e-300, 2.5 }),
            new("l", "INT64", [2], new[] { long.MaxValue, -1L }), new("i", "INT32", [1], new[] { -7 }),
            new("h", "INT16", [1], new short[] { 300 }), new("s8", "INT8", [1], new sbyte[] { -8 }),
            new("u8", "UINT8", [1], new byte[] { 255 }), new("u16", "UINT16", [1], new ushort[] { 65535 }),
            new("b", "BOOL", [3], new[] { true, false, true }), new("t", "BYTES", [2], new[] { "héllo", "" }),
        ];

        var outputs = model.Infer(inputs);

        Assert.Equal(inputs.Length, outputs.Count);
        for (var k = 0; k < inputs.Length; k++)
        {
            Assert.Equal(inputs[k].Name + "_out", outputs[k].Name);
            Assert.Equal(inputs[k].Datatype, outputs[k].Datatype);
            Assert.Equal(inputs[k].Shape, outputs[k].Shape);
            Assert.Equal(inputs[k].Data, outputs[k].Data);
        }

        var filtered = model.Infer(inputs, ["t_out", "f_out"]);
        Assert.Equal(["t_out", "f_out"], filtered.Select(o => o.Name));
    }

    [Fact]
    public void Infer_ZipMapOutput_ReturnedAsFp32MatrixWithClasses()
    {
        var onnx = TestOnnxModels.Classifier(zipMap: true);
        using var model = new OnnxScoringModel(TestManifests.For("churn", 1, onnx, ModelTask.Classification), onnx);
        InferenceTensor[] inputs = [new("features", "FP32", [2, 2], new[] { 0f, 0f, 1f, 0f })];

        var all = model.Infer(inputs);
        var requested = Assert.Single(model.Infer(inputs, ["output_probability"]));

        Assert.Equal(["label", "output_probability"], all.Select(o => o.Name));
        Assert.Equal("FP32", requested.Datatype);
        Assert.Equal([2L, 2L], requested.Shape);
        Assert.Equal(["0", "1"], requested.Classes!);
        Assert.Equal((float[])requested.Data, (float[])all[1].Data);
        var data = (float[])requested.Data;
        Assert.Equal(1f, data[0] + data[1], 5);
        Assert.Equal(1f, data[2] + data[3], 5);
    }

    [Fact]
    public void InferResponseWriter_ZipMapOutput_WritesClassesAsParameters()
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var writer = new System.Text.Json.Utf8JsonWriter(buffer))
        {
            InferResponseWriter.Write(writer, "m", 1, null, [new InferenceTensor("p", "FP32", [1, 2], new[] { 0.25f, 0.75f }, ["no", "yes"])]);
        }

        Assert.Contains("\"parameters\":{\"classes\":[\"no\",\"yes\"]},\"data\":[0.25,0.75]", System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan));
    }
}
