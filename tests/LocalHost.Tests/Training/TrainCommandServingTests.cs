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
    public static TheoryData<string, string> Specs => new()
    {
        { "bank", $$"""{ "name": "bank", "data": { "path": "{{Json(RepositoryPaths.BankChurnCsv)}}" }, "label": "churn", "task": "binary", "ignore": ["customer_id"], "trainer": { "trees": 30 } }""" },
        { "iris", $$"""{ "name": "iris", "data": { "path": "{{Json(RepositoryPaths.IrisTsv)}}" }, "label": "#Label", "task": "multiclass", "trainer": { "trees": 20, "minExamplesPerLeaf": 5 } }""" },
        { "census", $$"""{ "name": "census", "data": { "path": "census.csv" }, "label": "{{QuirkyData.Label}}", "task": "binary", "positiveClass": "{{QuirkyData.Positive}}", "ignore": ["id"], "trainer": { "trees": 30 } }""" },
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
            // The generated file with '?' for missing, padded strings, quoted delimiters and a text label.
            await File.WriteAllTextAsync(Path.Combine(directory.FullName, "census.csv"), QuirkyData.Csv(3_000, seed: 11));
            using var output = new StringWriter();
            using var error = new StringWriter();

            var code = await TrainCommand.RunAsync(
                ["train", "--spec", specPath, "--out", directory.FullName, "--register", host.Client.BaseAddress!.ToString()], output, error, host.Client);

            Assert.True(code == 0, error.ToString());
            Assert.Contains($"registered {name} version 1", output.ToString());
            var spec = TrainingSpecReader.ReadFile(specPath);
            var reference = await new ModelTrainer().LoadAndTrainAsync(spec, directory.FullName, null);
            Assert.Equal(reference.Onnx, await File.ReadAllBytesAsync(Path.Combine(directory.FullName, "model.onnx")));
            var (records, encoded) = await ServingParity.SampleAsync(spec, directory.FullName, reference.Schema);
            var expected = reference.Model!.Predict(encoded);

            var manifest = await host.Client.GetFromJsonAsync<JsonElement>($"/api/models/{name}/versions/1");
            Assert.Equal(reference.Lineage.TrainingDataSha256, manifest.GetProperty("lineage").GetProperty("trainingDataSha256").GetString());
            Assert.Equal(reference.Metrics["holdoutRows"], manifest.GetProperty("scoreHistogram").GetProperty("counts").EnumerateArray().Sum(c => c.GetInt64()));
            Assert.Equal(reference.Schema.Features.Count, manifest.GetProperty("statistics").GetArrayLength());

            await ServingParity.AssertRecordsAsync(host.Client, name, reference, records, expected);
            await ServingParity.AssertOipAsync(host.Client, name, reference, encoded, expected);
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

    private static string Json(string path) => path.Replace("\\", "\\\\", StringComparison.Ordinal);
}
