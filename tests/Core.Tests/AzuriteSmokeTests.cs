using Azure.Storage.Blobs;
using Serverless.Testing;

namespace Serverless.Core.Tests;

public class AzuriteSmokeTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task Azurite_UploadThenDownload_RoundTrips()
    {
        var container = new BlobContainerClient(azurite.ConnectionString, AzuriteFixture.UniqueName("smoke"));
        await container.CreateAsync();
        await container.GetBlobClient("a.txt").UploadAsync(BinaryData.FromString("hello"));
        var content = await container.GetBlobClient("a.txt").DownloadContentAsync();
        Assert.Equal("hello", content.Value.Content.ToString());
    }
}
