using System.Net.Http.Json;
using System.Text.Json;
using Azure.Storage.Blobs;
using Serverless.Testing;
using Serverless.Training.Synthetic;

namespace Serverless.LocalHost.Tests.Hosting;

public class SampleModelSeederTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private TestLocalHost Create(string container) => new(azurite, container, ("LocalHost:SeedSampleModel", "true"));

    [Fact]
    public async Task Start_EmptyRegistry_TrainsRegistersAndPromotesOnceOnly()
    {
        var container = AzuriteFixture.UniqueName("models");
        using (var first = Create(container))
        {
            var client = first.Client;
            var model = await client.GetFromJsonAsync<JsonElement>("/api/models/churn");

            Assert.Equal(1, model.GetProperty("deployment").GetProperty("champion").GetInt32());
            var manifest = model.GetProperty("versions")[0];
            Assert.Equal("classification", manifest.GetProperty("task").GetString());
            Assert.True(manifest.GetProperty("metrics").GetProperty("auc").GetDouble() > 0.75);
            var featureCount = SyntheticChurnGenerator.Columns.Count - 2; // all but the id and the label
            Assert.Equal(featureCount, manifest.GetProperty("features").GetProperty("features").GetArrayLength());
            Assert.Equal(featureCount, manifest.GetProperty("statistics").GetArrayLength());

            // Lineage points at the uploaded training data, and its hash matches.
            var lineage = manifest.GetProperty("lineage");
            var blob = new BlobClient(azurite.ConnectionString, "datasets", new Uri(lineage.GetProperty("trainingDataUri").GetString()!).AbsolutePath.Split("/datasets/")[1]);
            var data = (await blob.DownloadContentAsync()).Value.Content.ToArray();
            Assert.Equal(lineage.GetProperty("trainingDataSha256").GetString(), Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(data)));
        }

        using var second = Create(container);
        var versions = (await second.Client.GetFromJsonAsync<JsonElement>("/api/models/churn")).GetProperty("versions");
        Assert.Equal(1, versions.GetArrayLength());
    }
}
