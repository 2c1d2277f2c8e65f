using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Serverless.Core.Models;
using Serverless.Core.Scoring;
using Serverless.Core.Tests.Scoring.TestModels;

namespace Serverless.Core.Tests.Scoring;

public sealed class ModelProviderTests : IDisposable
{
    private readonly InMemoryModelRegistry _registry = new();
    private readonly ManualTimeProvider _time = new();
    private readonly ModelProvider _provider;

    public ModelProviderTests()
    {
        _registry.Add("xgb", 1, TestManifests.Xgb);
        _registry.Add("xgb", 2, TestManifests.Xgb);
        _registry.SetChampion("xgb", 1);
        _provider = new ModelProvider(_registry, Options.Create(new ScoringOptions { IdleSessionTimeout = TimeSpan.FromMinutes(1) }),
            NullLogger<ModelProvider>.Instance, _time);
    }

    public void Dispose() => _provider.Dispose();

    [Fact]
    public async Task GetAsync_ConcurrentFirstRequests_ShareOneLoad()
    {
        _registry.ArtifactGate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var requests = Enumerable.Range(0, 16).Select(_ => Task.Run(() => _provider.GetAsync("xgb", 2).AsTask())).ToArray();
        await Task.Delay(100);

        _registry.ArtifactGate.SetResult();
        var models = await Task.WhenAll(requests);

        Assert.Equal(1, _registry.ArtifactReads);
        Assert.All(models, m => Assert.Same(models[0], m));
    }

    [Fact]
    public async Task GetAsync_Unversioned_ServesChampionWithoutStorageOnceWarm()
    {
        var first = await _provider.GetAsync("xgb", null);
        var reads = _registry.DeploymentReads;

        var again = _provider.GetAsync("xgb", null);

        Assert.True(again.IsCompletedSuccessfully);
        Assert.Same(first, await again);
        Assert.Equal(1, first.Manifest.Version);
        Assert.Equal(reads, _registry.DeploymentReads);
    }

    [Theory]
    [InlineData("nope", null, "not registered")]
    [InlineData("xgb", 9, "has no version 9")]
    [InlineData("Bad Name", null, "not registered")]
    public async Task GetAsync_Unknown_ThrowsNotFoundAndCachesNothing(string name, int? version, string expected)
    {
        var e = await Assert.ThrowsAsync<ModelNotFoundException>(() => _provider.GetAsync(name, version).AsTask());

        Assert.Contains(expected, e.Message);
        Assert.Empty(_provider.CachedVersions);
    }

    [Fact]
    public async Task GetAsync_NoChampion_ThrowsNotFound()
    {
        _registry.SetChampion("xgb", null);

        var e = await Assert.ThrowsAsync<ModelNotFoundException>(() => _provider.GetAsync("xgb", null).AsTask());

        Assert.Contains("no champion", e.Message);
    }

    [Fact]
    public async Task GetAsync_TamperedVersion_ThrowsIntegrityAndRetriesNextTime()
    {
        _registry.Tamper("xgb", 2);

        await Assert.ThrowsAsync<ArtifactIntegrityException>(() => _provider.GetAsync("xgb", 2).AsTask());
        await Assert.ThrowsAsync<ArtifactIntegrityException>(() => _provider.GetAsync("xgb", 2).AsTask());

        Assert.Equal(2, _registry.ArtifactReads);
        Assert.DoesNotContain(("xgb", 2), _provider.CachedVersions);
    }

    [Fact]
    public async Task RefreshAsync_NewChampion_LoadsItBeforeRouting()
    {
        var old = await _provider.GetAsync("xgb", null);
        _registry.SetChampion("xgb", 2);

        await _provider.RefreshAsync();
        var current = await _provider.GetAsync("xgb", null);

        Assert.Equal(2, current.Manifest.Version);
        Assert.Equal(2, _provider.RoutedChampion("xgb"));
        Assert.False(((OnnxScoringModel)old).IsReleased);
    }

    [Fact]
    public async Task RefreshAsync_NewChampionTampered_OldChampionKeepsServing()
    {
        var old = await _provider.GetAsync("xgb", null);
        _registry.Tamper("xgb", 2);
        _registry.SetChampion("xgb", 2);

        await _provider.RefreshAsync();

        Assert.Same(old, await _provider.GetAsync("xgb", null));
        Assert.Equal(1, _provider.RoutedChampion("xgb"));
    }

    [Fact]
    public async Task RefreshAsync_StorageDown_KeepsCachedRoute()
    {
        var old = await _provider.GetAsync("xgb", null);
        _registry.DeploymentFailure = new IOException("storage down");

        await _provider.RefreshAsync();

        Assert.Same(old, await _provider.GetAsync("xgb", null));
    }

    [Fact]
    public async Task RefreshAsync_OldVersionIdle_RetiredThenReleasedOneSweepLater()
    {
        var old = (OnnxScoringModel)await _provider.GetAsync("xgb", null);
        _registry.SetChampion("xgb", 2);
        await _provider.RefreshAsync();

        _time.Advance(TimeSpan.FromMinutes(2));
        await _provider.RefreshAsync();
        Assert.DoesNotContain(("xgb", 1), _provider.CachedVersions);
        Assert.False(old.IsReleased);

        await _provider.RefreshAsync();
        Assert.True(old.IsReleased);
        Assert.Contains(("xgb", 2), _provider.CachedVersions);
    }

    [Fact]
    public async Task RefreshAsync_OldVersionStillUsed_IsNotRetired()
    {
        await _provider.GetAsync("xgb", null);
        _registry.SetChampion("xgb", 2);
        await _provider.RefreshAsync();
        var old = await _provider.GetAsync("xgb", 1);

        _time.Advance(TimeSpan.FromMinutes(2));
        old.Infer([new Core.Scoring.OpenInference.InferenceTensor("X", "FP32", [1, 4], new float[4])]);
        await _provider.RefreshAsync();

        Assert.Contains(("xgb", 1), _provider.CachedVersions);
    }
}
