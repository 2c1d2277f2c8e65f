using System.Security.Cryptography;
using Azure.Storage.Blobs;
using Microsoft.Extensions.Options;
using Serverless.Core.Models;
using Serverless.Testing;

namespace Serverless.Core.Tests.Models;

public class BlobModelRegistryTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private static readonly byte[] XgbOnnx = File.ReadAllBytes(RepositoryPaths.XgbRegressorOnnx);

    private (BlobModelRegistry Registry, BlobContainerClient Container) Create()
    {
        var options = new RegistryOptions { Container = AzuriteFixture.UniqueName("models") };
        var service = new BlobServiceClient(azurite.ConnectionString);
        return (new BlobModelRegistry(service, Options.Create(options), TimeProvider.System), service.GetBlobContainerClient(options.Container));
    }

    private static ModelRegistration Xgb(string name = "xgb", FeatureSchema? features = null) => new()
    {
        Name = name,
        Onnx = XgbOnnx,
        Features = features,
        CreatedBy = "tests",
    };

    [Fact]
    public async Task RegisterAsync_ForeignXgbModel_ReadsSignatureFromFile()
    {
        var (registry, _) = Create();

        var manifest = await registry.RegisterAsync(Xgb());

        Assert.Equal(1, manifest.Version);
        Assert.Equal(ModelTask.Regression, manifest.Task);
        var input = Assert.Single(manifest.Inputs);
        Assert.Equal("X", input.Name);
        Assert.Equal("FP32", input.Datatype);
        Assert.Equal([-1L, 4L], input.Shape);
        Assert.Equal("variable", Assert.Single(manifest.Outputs).Name);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(XgbOnnx)), manifest.ArtifactSha256);
        Assert.Equal(manifest, await registry.GetManifestAsync("xgb", 1));
    }

    [Fact]
    public async Task RegisterAsync_Concurrent_AssignsDistinctVersions()
    {
        var (registry, _) = Create();

        var manifests = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => registry.RegisterAsync(Xgb())));

        Assert.Equal(Enumerable.Range(1, 8), manifests.Select(m => m.Version).Order());
        Assert.Equal(8, (await registry.ListVersionsAsync("xgb")).Count);
    }

    [Fact]
    public async Task RegisterAsync_AfterOrphanArtifact_NeverReusesItsNumber()
    {
        var (registry, container) = Create();
        await registry.RegisterAsync(Xgb());
        // A registration that crashed after claiming version 2 but before its manifest.
        await container.GetBlobClient("xgb/2/model.onnx").UploadAsync(new BinaryData(XgbOnnx));

        var manifest = await registry.RegisterAsync(Xgb());

        Assert.Equal(3, manifest.Version);
        Assert.Equal([1, 3], (await registry.ListVersionsAsync("xgb")).Select(m => m.Version));
    }

    [Fact]
    public async Task GetVerifiedArtifactAsync_TamperedBlob_Throws()
    {
        var (registry, container) = Create();
        var manifest = await registry.RegisterAsync(Xgb());
        var tampered = XgbOnnx.ToArray();
        tampered[^1] ^= 0xFF;
        await container.GetBlobClient("xgb/1/model.onnx").UploadAsync(new BinaryData(tampered), overwrite: true);

        var error = await Assert.ThrowsAsync<ArtifactIntegrityException>(() => registry.GetVerifiedArtifactAsync(manifest));

        Assert.Contains("expected SHA-256 " + manifest.ArtifactSha256, error.Message);
    }

    [Fact]
    public async Task GetVerifiedArtifactAsync_Intact_ReturnsBytes()
    {
        var (registry, _) = Create();
        var manifest = await registry.RegisterAsync(Xgb());

        Assert.Equal(XgbOnnx, await registry.GetVerifiedArtifactAsync(manifest));
    }

    [Fact]
    public async Task RegisterAsync_NotOnnx_IsRefusedAndStoresNothing()
    {
        var (registry, _) = Create();

        var error = await Assert.ThrowsAsync<ModelValidationException>(() =>
            registry.RegisterAsync(Xgb() with { Onnx = "not a model"u8.ToArray() }));

        Assert.Contains("cannot load", error.Message);
        Assert.Empty(await registry.ListModelsAsync());
    }

    [Theory]
    [InlineData("X", 3, "lists 3 features")]
    [InlineData("features", 4, "model's inputs are: X")]
    public async Task RegisterAsync_SchemaNotMatchingInput_IsRefused(string inputName, int count, string expected)
    {
        var (registry, _) = Create();
        var schema = new FeatureSchema(inputName, Enumerable.Range(0, count).Select(i => new FeatureDefinition($"f{i}", FeatureKind.Numeric)).ToList());

        var error = await Assert.ThrowsAsync<ModelValidationException>(() => registry.RegisterAsync(Xgb(features: schema)));

        Assert.Contains(expected, error.Message);
    }

    [Theory]
    [InlineData("Upper")]
    [InlineData("../escape")]
    [InlineData("")]
    public async Task RegisterAsync_InvalidName_IsRefused(string name)
    {
        var (registry, _) = Create();

        await Assert.ThrowsAsync<ModelValidationException>(() => registry.RegisterAsync(Xgb(name)));
    }

    [Fact]
    public async Task UpdateDeploymentAsync_ConcurrentWriters_LoseNoUpdate()
    {
        var (registry, _) = Create();

        await Task.WhenAll(Enumerable.Range(0, 12).Select(_ => registry.UpdateDeploymentAsync("xgb", s => new DeploymentState
        {
            Model = "xgb",
            Champion = (s?.Champion ?? 0) + 1,
            UpdatedAt = DateTimeOffset.UtcNow,
            UpdatedBy = "tests",
        })));

        Assert.Equal(12, (await registry.GetDeploymentAsync("xgb"))!.Champion);
    }

    [Fact]
    public async Task PromoteIfNoChampionAsync_SecondVersion_KeepsFirstAsChampion()
    {
        var (registry, _) = Create();
        var first = await registry.RegisterAsync(Xgb());
        var second = await registry.RegisterAsync(Xgb());

        await registry.PromoteIfNoChampionAsync(first, "tests", TimeProvider.System);
        var state = await registry.PromoteIfNoChampionAsync(second, "tests", TimeProvider.System);

        Assert.Equal(1, state.Champion);
        Assert.Equal(1, state.LastKnownGood);
    }

    [Fact]
    public async Task UpdateDeploymentAsync_ChangeReturnsSameState_WritesNothing()
    {
        var (registry, container) = Create();
        var first = await registry.RegisterAndPromoteIfFirstAsync(Xgb(), TimeProvider.System);
        var state = container.GetBlobClient("xgb/deployment.json");
        var etag = (await state.GetPropertiesAsync()).Value.ETag;

        var second = await registry.RegisterAndPromoteIfFirstAsync(Xgb(), TimeProvider.System);

        Assert.Equal((1, 2), (first.Version, second.Version));
        Assert.Equal(etag, (await state.GetPropertiesAsync()).Value.ETag);
        Assert.Equal(1, (await registry.GetDeploymentAsync("xgb"))!.Champion);
    }

    [Fact]
    public async Task ListModelsAsync_TwoModels_ListsBoth()
    {
        var (registry, _) = Create();
        await registry.RegisterAsync(Xgb("a"));
        await registry.RegisterAsync(Xgb("b"));

        Assert.Equal(["a", "b"], await registry.ListModelsAsync());
        Assert.Null(await registry.GetManifestAsync("a", 2));
        Assert.Empty(await registry.ListVersionsAsync("missing"));
    }
}
