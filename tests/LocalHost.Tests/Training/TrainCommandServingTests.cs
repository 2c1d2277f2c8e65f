using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Serverless.Core.Models;
using Serverless.Testing;
using Serverless.Training;
using Serverless.Training.Cli;
using Serverless.Training.Data;
using Serverless.Training.Spec;

namespace Serverless.LocalHost.Tests.Training;

/// <summary>
/// Real data trained through the command line, registered with <c>--register</c> on the local host (real registry on
/// Azurite), then served by records and by OIP v2: both equal ML.NET's own predictions on the same rows.
/// </summary>
public class TrainCommandServingTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private const int Rows = 200;

    public static TheoryData<string, string> Specs => new()
    {
        { "bank", $$"""{ "name": "bank", "data": { "path": "{{Json(RepositoryPaths.BankChurnCsv)}}" }, "label": "churn", "task": "binary", "ignore": ["customer_id"], "trainer": { "trees": 30 } }""" },
        { "iris", $$"""{ "name": "iris", "data": { "path": "{{Json(RepositoryPaths.IrisTsv)}}" }, "label": "#Label", "task": "multiclass", "trainer": { "trees": 20, "minExamplesPerLeaf": 5 } }""" },
        { "taxi", $$"""{ "name": "taxi", "data": { "path": "{{Json(RepositoryPaths.TaxiFareCsv)}}" }, "label": "fare_amount", "task": "regression", "trainer": { "trees": 30 } }""" },
    };

    [Theory]
    [MemberData(nameof(Specs))]
    public async Task TrainRegisterServe_RealData_RecordsAndOipEqualMlNet(string name, string specJson)
    {
        using var host = new TestLocalHost(azurite);
        var directory = Directory.CreateTempSubdirectory("train-serve-");
        try
        {
            var specPath = Path.Combine(directory.FullName, "spec.json");
            await File.WriteAllTextAsync(specPath, specJson);
            using var output = new StringWriter();
            using var error = new StringWriter();

            var code = await TrainCommand.RunAsync(
                ["train", "--spec", specPath, "--out", directory.FullName, "--register", host.Client.BaseAddress!.ToString()], output, error, host.Client);

            Assert.True(code == 0, error.ToString());
            Assert.Contains($"registered {name} version 1", output.ToString());
            var spec = TrainingSpecReader.ReadFile(specPath);
            var reference = await new ModelTrainer().LoadAndTrainAsync(spec, null, null);
            Assert.Equal(reference.Onnx, await File.ReadAllBytesAsync(Path.Combine(directory.FullName, "model.onnx")));
            var (records, encoded) = await SampleAsync(spec, reference.Schema);
            var expected = reference.Model!.Predict(encoded);

            var manifest = await host.Client.GetFromJsonAsync<JsonElement>($"/api/models/{name}/versions/1");
            Assert.Equal(reference.Lineage.TrainingDataSha256, manifest.GetProperty("lineage").GetProperty("trainingDataSha256").GetString());
            Assert.Equal(reference.Metrics["holdoutRows"], manifest.GetProperty("scoreHistogram").GetProperty("counts").EnumerateArray().Sum(c => c.GetInt64()));
            Assert.Equal(reference.Schema.Features.Count, manifest.GetProperty("statistics").GetArrayLength());

            await AssertRecordsAsync(host, name, reference, records, expected);
            await AssertOipAsync(host, name, reference, encoded, expected);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task TrainRegister_LabelWithOneClass_ExitTwoAndNothingRegistered()
    {
        using var host = new TestLocalHost(azurite);
        var directory = Directory.CreateTempSubdirectory("train-serve-");
        try
        {
            var data = Path.Combine(directory.FullName, "one.csv");
            await File.WriteAllTextAsync(data, "x,y\n1,1\n2,1\n3,1\n");
            var specPath = Path.Combine(directory.FullName, "spec.json");
            await File.WriteAllTextAsync(specPath, """{ "name": "one", "data": { "path": "one.csv" }, "label": "y", "task": "binary" }""");
            using var error = new StringWriter();

            var code = await TrainCommand.RunAsync(
                ["train", "--spec", specPath, "--out", Path.Combine(directory.FullName, "out"), "--register", host.Client.BaseAddress!.ToString()],
                TextWriter.Null, error, host.Client);

            Assert.Equal(TrainCommand.BadInput, code);
            Assert.Contains("only positive values", error.ToString());
            Assert.Equal(HttpStatusCode.NotFound, (await host.Client.GetAsync("/api/models/one")).StatusCode);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    private static async Task AssertRecordsAsync(TestLocalHost host, string name, TrainingResult reference, List<Dictionary<string, string?>> records, Serverless.Training.MlNet.ModelOutputs expected)
    {
        var response = await host.Client.PostAsJsonAsync($"/api/models/{name}/predict", new { records });
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var predictions = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("predictions");
        Assert.Equal(records.Count, predictions.GetArrayLength());
        for (var i = 0; i < records.Count; i++)
        {
            var prediction = predictions[i];
            if (reference.Task == ModelTask.Regression)
            {
                Close(expected.Scores![i], prediction.GetProperty("value").GetSingle());
                continue;
            }

            var classes = reference.ClassLabels!;
            Assert.Equal(classes[expected.Labels![i]], prediction.GetProperty("label").GetString());
            for (var c = 0; c < classes.Count; c++)
            {
                Close(expected.Probabilities![i * classes.Count + c], prediction.GetProperty("probabilities").GetProperty(classes[c]).GetSingle());
            }
        }
    }

    private static async Task AssertOipAsync(TestLocalHost host, string name, TrainingResult reference, float[][] encoded, Serverless.Training.MlNet.ModelOutputs expected)
    {
        var width = reference.Schema.Features.Count;
        var data = encoded.SelectMany(r => r).Select(v => float.IsNaN(v) ? (float?)null : v).ToArray();
        if (data.Any(v => v is null))
        {
            // OIP's JSON has no NaN; these files have no missing cells in the sampled rows.
            throw new InvalidOperationException("The sampled rows have missing values.");
        }

        var body = new { inputs = new[] { new { name = "features", shape = new[] { encoded.Length, width }, datatype = "FP32", data } } };
        var response = await host.Client.PostAsJsonAsync($"/v2/models/{name}/infer", body);
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var outputs = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("outputs").EnumerateArray()
            .ToDictionary(o => o.GetProperty("name").GetString()!, o => o.GetProperty("data"));
        if (reference.Task == ModelTask.Regression)
        {
            var values = outputs["value"].EnumerateArray().Select(v => v.GetSingle()).ToArray();
            for (var i = 0; i < encoded.Length; i++)
            {
                Close(expected.Scores![i], values[i]);
            }

            return;
        }

        var classes = reference.ClassLabels!;
        var labels = outputs["label"].EnumerateArray().Select(l => l.ValueKind == JsonValueKind.String ? l.GetString() : l.GetInt64().ToString(CultureInfo.InvariantCulture)).ToArray();
        var probabilities = outputs["probabilities"].EnumerateArray().Select(p => p.GetSingle()).ToArray();
        for (var i = 0; i < encoded.Length; i++)
        {
            Assert.Equal(classes[expected.Labels![i]], labels[i]);
            for (var c = 0; c < classes.Count; c++)
            {
                Close(expected.Probabilities![i * classes.Count + c], probabilities[i * classes.Count + c]);
            }
        }
    }

    /// <summary>Every <c>Rows / n</c>-th row of the spec's file: as records of its cells (null when missing) and encoded.</summary>
    private static async Task<(List<Dictionary<string, string?>> Records, float[][] Encoded)> SampleAsync(TrainingSpec spec, FeatureSchema schema)
    {
        var bytes = await File.ReadAllBytesAsync(spec.Data.Path!);
        var table = await TabularReader.ReadAsync(new TrainingData(bytes, spec.Data.Path!, Path.GetFileName(spec.Data.Path!)), spec.Data, new TrainingOptions(), default);
        var step = Math.Max(1, table.Rows.Count / Rows);
        var rows = table.Rows.Where((_, i) => i % step == 0).Take(Rows).ToList();
        var columns = schema.Features.Select(f => table.IndexOf(f.Name)).ToArray();
        var records = rows.Select(r => schema.Features.Select((f, k) => (f.Name, r.Cells[columns[k]])).ToDictionary(p => p.Name, p => p.Item2)).ToList();
        var subset = new TabularData(table.Header, rows, table.Source);
        return (records, EncodedDataset.Encode(subset, new FeatureEncoder(schema), -1, null, out _).Features);
    }

    /// <summary>Within 1e-5 (relative above 1), as the parity tests require.</summary>
    private static void Close(float expected, float actual) =>
        Assert.True(Math.Abs(expected - actual) <= 1e-5 * Math.Max(1, Math.Abs(expected)), $"expected {expected}, got {actual}");

    private static string Json(string path) => path.Replace("\\", "\\\\", StringComparison.Ordinal);
}
