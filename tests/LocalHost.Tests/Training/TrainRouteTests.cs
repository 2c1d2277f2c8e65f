using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Azure.Storage.Blobs;
using Serverless.Testing;
using Serverless.Training;
using Serverless.Training.Spec;

namespace Serverless.LocalHost.Tests.Training;

/// <summary>
/// <c>POST /api/models/{name}/train</c> on the local host: real Azurite, the real Durable Task Framework, real training.
/// The route's model is byte-for-byte the command line's, and serves by records and OIP v2 as ML.NET predicts.
/// </summary>
public class TrainRouteTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(4);

    [Theory]
    [MemberData(nameof(TrainCommandServingTests.Specs), MemberType = typeof(TrainCommandServingTests))]
    public async Task Train_RealDataBlob_RegistersVersionWithLineage_ServingEqualsMlNet(string name, string specJson)
    {
        using var host = new TestLocalHost(azurite);
        var directory = Directory.CreateTempSubdirectory("train-route-");
        try
        {
            await File.WriteAllTextAsync(Path.Combine(directory.FullName, "census.csv"), QuirkyData.Csv(3_000, seed: 11));
            var local = TrainingSpecReader.Read(System.Text.Encoding.UTF8.GetBytes(specJson));
            var reference = await new ModelTrainer().LoadAndTrainAsync(local, directory.FullName, null);
            var blob = await UploadAsync(host, Path.GetFullPath(local.Data.Path!, directory.FullName));
            var spec = TrainingSpecReader.Write(local with { Data = local.Data with { Path = null, Blob = blob } });

            var start = await host.Client.PostAsync($"/api/models/{name}/train", TestLocalHost.Json(spec));

            Assert.True(start.StatusCode == HttpStatusCode.Accepted, await start.Content.ReadAsStringAsync());
            var payload = await start.Content.ReadFromJsonAsync<JsonElement>();
            var id = payload.GetProperty("id").GetString()!;
            Assert.Equal(payload.GetProperty("statusQueryGetUri").GetString(), start.Headers.Location!.ToString());
            var status = await host.WaitForWorkflowAsync(start.Headers.Location!.ToString(), Timeout);
            Assert.True(status.GetProperty("runtimeStatus").GetString() == "Completed", status.ToString());
            var output = status.GetProperty("output");
            Assert.Equal(1, output.GetProperty("version").GetInt32());
            Assert.True(output.GetProperty("champion").GetBoolean());
            Assert.Equal("registered", status.GetProperty("customStatus").GetProperty("stage").GetString());

            var stored = await new BlobContainerClient(host.ConnectionString, host.Container).GetBlobClient($"{name}/1/model.onnx").DownloadContentAsync();
            Assert.Equal(reference.Onnx, stored.Value.Content.ToArray());
            var lineage = (await host.Client.GetFromJsonAsync<JsonElement>($"/api/models/{name}/versions/1")).GetProperty("lineage");
            Assert.Equal(reference.Lineage.TrainingDataSha256, lineage.GetProperty("trainingDataSha256").GetString());
            Assert.Contains($"/training-snapshots/{name}/{reference.Lineage.TrainingDataSha256}/", lineage.GetProperty("trainingDataUri").GetString());
            var parameters = lineage.GetProperty("parameters");
            Assert.Equal(id, parameters.GetProperty("trainingRun").GetString());
            Assert.Equal(blob, parameters.GetProperty("sourceBlob").GetString());
            Assert.Equal("manual", parameters.GetProperty("reason").GetString());

            var (records, encoded) = await ServingParity.SampleAsync(local, directory.FullName, reference.Schema);
            var expected = reference.Model!.Predict(encoded);
            await ServingParity.AssertRecordsAsync(host.Client, name, reference, records, expected);
            await ServingParity.AssertOipAsync(host.Client, name, reference, encoded, expected);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Theory]
    [InlineData("x,y\n1,1\n2,1\n3,1\n", "only positive values")]
    [InlineData("", "empty")]
    [InlineData("x,z\n1,1\n2,0\n", "column 'y'")]
    public async Task Train_UnusableData_FailsWithTheReason_NothingRegistered(string csv, string reason)
    {
        using var host = new TestLocalHost(azurite);
        var blob = await UploadAsync(host, "data.csv", System.Text.Encoding.UTF8.GetBytes(csv));

        var start = await host.Client.PostAsync("/api/models/bad/train", TestLocalHost.Json($$"""{ "data": { "blob": "{{blob}}" }, "label": "y", "task": "binary" }"""));

        Assert.Equal(HttpStatusCode.Accepted, start.StatusCode);
        var status = await host.WaitForWorkflowAsync(start.Headers.Location!.ToString(), Timeout);
        Assert.Equal("Failed", status.GetProperty("runtimeStatus").GetString());
        Assert.Contains(reason, status.GetProperty("output").GetString(), StringComparison.OrdinalIgnoreCase);
        Assert.Equal("failed", status.GetProperty("customStatus").GetProperty("stage").GetString());
        Assert.Contains(reason, status.GetProperty("customStatus").GetProperty("detail").GetString(), StringComparison.OrdinalIgnoreCase);
        Assert.Equal(HttpStatusCode.NotFound, (await host.Client.GetAsync("/api/models/bad")).StatusCode);
    }

    [Fact]
    public async Task Train_BlobThatDoesNotExist_FailsSayingSo()
    {
        using var host = new TestLocalHost(azurite);

        var start = await host.Client.PostAsync("/api/models/gone/train", TestLocalHost.Json("""{ "data": { "blob": "nothere/data.csv" }, "label": "y", "task": "binary" }"""));

        var status = await host.WaitForWorkflowAsync(start.Headers.Location!.ToString(), Timeout);
        Assert.Equal("Failed", status.GetProperty("runtimeStatus").GetString());
        Assert.Contains("'nothere/data.csv' does not exist", status.GetProperty("output").GetString());
    }

    [Theory]
    [InlineData("""{ "data": { "path": "local.csv" }, "label": "y", "task": "binary" }""", "data.blob")]
    [InlineData("""{ "data": { "blob": "c/d.csv" }, "label": "y", "task": "binary", "trainer": { "trees": "many" } }""", "trainer.trees")]
    [InlineData("""{ "data": { "blob": "c/d.csv" }, "label": "y", "task": "binary", "unknown": 1 }""", "unknown")]
    [InlineData("""{ "data": { "blob": "c/d.csv" }, "label": "y" }""", "task")]
    [InlineData("""{ "name": "other", "data": { "blob": "c/d.csv" }, "label": "y", "task": "binary" }""", "'name'")]
    [InlineData("""{ "data": { "blob": "c/d.csv" }, "label": "\ud800", "task": "binary" }""", "")]
    [InlineData("not json", "not valid")]
    public async Task Train_BadSpec_400NamingTheField_NoWorkflow(string spec, string field)
    {
        using var host = new TestLocalHost(azurite);

        var response = await host.Client.PostAsync("/api/models/m/train", TestLocalHost.Json(spec));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(field, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString());
    }

    [Fact]
    public async Task Train_WithoutTheApiKey_401()
    {
        using var host = new TestLocalHost(azurite);
        using var anonymous = host.CreateClient(withKey: false);

        var response = await anonymous.PostAsync("/api/models/m/train", TestLocalHost.Json("""{ "data": { "blob": "c/d.csv" }, "label": "y", "task": "binary" }"""));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.True((await response.Content.ReadFromJsonAsync<JsonElement>()).TryGetProperty("error", out _));
    }

    [Fact]
    public async Task Train_OversizedOrNotJson_413And415()
    {
        using var host = new TestLocalHost(azurite);
        var huge = $$"""{ "data": { "blob": "c/d.csv" }, "label": "{{new string('y', 70_000)}}", "task": "binary" }""";

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, (await host.Client.PostAsync("/api/models/m/train", TestLocalHost.Json(huge))).StatusCode);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, (await host.Client.PostAsync("/api/models/m/train", new StringContent("{}"))).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await host.Client.PostAsync("/api/models/Not_Valid!/train", TestLocalHost.Json("{}"))).StatusCode);
    }

    private Task<string> UploadAsync(TestLocalHost host, string path) => UploadAsync(host, Path.GetFileName(path), File.ReadAllBytes(path));

    private static async Task<string> UploadAsync(TestLocalHost host, string name, byte[] bytes)
    {
        var container = new BlobContainerClient(host.ConnectionString, AzuriteFixture.UniqueName("data"));
        await container.CreateIfNotExistsAsync();
        await container.GetBlobClient(name).UploadAsync(BinaryData.FromBytes(bytes));
        return $"{container.Name}/{name}";
    }
}
