using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Serverless.Core.Models;
using Serverless.Core.Scoring;
using Serverless.Core.Tests.Scoring.TestModels;

namespace Serverless.Core.Tests.Scoring;

/// <summary>Weighted, sticky, shadow and failover routing of <see cref="ModelProvider"/> on real ONNX sessions.</summary>
public sealed class ModelProviderRoutingTests : IDisposable
{
    private readonly InMemoryModelRegistry _registry = new();
    private readonly RecordingFailover _failover;
    private readonly ModelProvider _provider;

    public ModelProviderRoutingTests()
    {
        _registry.Add("xgb", 1, TestManifests.Xgb, features: TestManifests.XgbSchema());
        _registry.Add("xgb", 2, TestManifests.Xgb, features: TestManifests.XgbSchema());
        _failover = new RecordingFailover(_registry);
        _provider = new ModelProvider(_registry, Options.Create(new ScoringOptions()), NullLogger<ModelProvider>.Instance, TimeProvider.System, _failover);
    }

    public void Dispose() => _provider.Dispose();

    [Theory]
    [InlineData(5)]
    [InlineData(25)]
    [InlineData(50)]
    public async Task RouteAsync_CanaryWeight_10000Requests_WithinStatisticalTolerance(int weight)
    {
        SetState(DeploymentMode.Canary, weight);

        var picks = await PickAsync(10_000, _ => null);

        // 5 standard deviations of a binomial(10000, w): fails by chance about once in 3.5 million runs.
        var expected = 10_000 * weight / 100.0;
        var tolerance = 5 * Math.Sqrt(10_000 * (weight / 100.0) * (1 - weight / 100.0));
        var canary = picks.Count(p => p.Model.Manifest.Version == 2);
        Assert.InRange(canary, expected - tolerance, expected + tolerance);
        Assert.All(picks, p => Assert.Equal(p.Model.Manifest.Version == 2 ? RouteReasons.Canary : RouteReasons.Champion, p.Reason));
    }

    [Fact]
    public async Task RouteAsync_SameKey_NeverSwitchesWithinAStep_AndStaysOnTheChallengerAsItGrows()
    {
        SetState(DeploymentMode.AB, 5);
        var keys = Enumerable.Range(0, 2000).Select(i => $"customer-{i}").ToList();
        var atFive = new Dictionary<string, int>();
        foreach (var key in keys)
        {
            var versions = (await PickAsync(5, _ => key)).Select(p => p.Model.Manifest.Version).Distinct().ToList();
            atFive[key] = Assert.Single(versions);
        }

        SetState(DeploymentMode.AB, 25);
        await _provider.RefreshAsync();
        var atTwentyFive = new Dictionary<string, RoutedModel>();
        foreach (var key in keys)
        {
            var picks = await PickAsync(5, _ => key);
            Assert.Single(picks.Select(p => p.Model.Manifest.Version).Distinct());
            atTwentyFive[key] = picks[0];
        }

        Assert.All(keys.Where(k => atFive[k] == 2), k => Assert.Equal(2, atTwentyFive[k].Model.Manifest.Version));
        Assert.InRange(atFive.Values.Count(v => v == 2), 40, 170);
        Assert.InRange(atTwentyFive.Values.Count(p => p.Model.Manifest.Version == 2), 380, 620);
        Assert.All(atTwentyFive.Values, p => Assert.Equal(p.Model.Manifest.Version == 2 ? RouteReasons.VariantB : RouteReasons.VariantA, p.Reason));
    }

    [Fact]
    public async Task RouteAsync_Shadow_ChampionAlwaysAnswers_SampledRequestsCarryTheChallenger()
    {
        SetState(DeploymentMode.Shadow, 30);

        var picks = await PickAsync(2000, _ => null);

        Assert.All(picks, p => Assert.Equal((1, RouteReasons.Champion), (p.Model.Manifest.Version, p.Reason)));
        Assert.All(picks.Where(p => p.Shadow is not null), p => Assert.Equal(2, p.Shadow!.Manifest.Version));
        Assert.InRange(picks.Count(p => p.Shadow is not null), 450, 750);
    }

    [Fact]
    public async Task RefreshAsync_ServingArtifactTampered_MovesToLastKnownGoodAtOnceAndReportsOnce()
    {
        SetState(DeploymentMode.Single, 0, champion: 2, lastKnownGood: 1);
        Assert.Equal(2, (await _provider.RouteAsync("xgb", null)).Model.Manifest.Version);

        _registry.Tamper("xgb", 2);
        await _provider.RefreshAsync();
        await _provider.RefreshAsync();

        var report = Assert.Single(_failover.Reports);
        Assert.Equal(("xgb", 2), (report.Model, report.Version));
        Assert.Contains("SHA-256", report.Reason, StringComparison.OrdinalIgnoreCase);
        var state = _registry.State("xgb")!;
        Assert.Equal((1, true), (state.Champion, state.IsRefused(2)));
        var routed = await _provider.RouteAsync("xgb", null);
        Assert.Equal(1, routed.Model.Manifest.Version);
        Assert.Contains(_provider.Unservable, u => u.Contains("version 2", StringComparison.Ordinal));
    }

    [Fact]
    public async Task RouteAsync_ColdChampionFailsVerification_ServesLastKnownGood()
    {
        SetState(DeploymentMode.Single, 0, champion: 2, lastKnownGood: 1);
        _registry.Tamper("xgb", 2);

        var routed = await _provider.RouteAsync("xgb", null);

        Assert.Equal((1, RouteReasons.LastKnownGood), (routed.Model.Manifest.Version, routed.Reason));
        Assert.Equal(2, Assert.Single(_failover.Reports).Version);
    }

    [Fact]
    public async Task RouteAsync_ChallengerFailsVerification_GetsNoTrafficAndTheTrialEnds()
    {
        _registry.Tamper("xgb", 2);
        SetState(DeploymentMode.Canary, 50);

        var picks = await PickAsync(500, _ => null);

        Assert.All(picks, p => Assert.Equal(1, p.Model.Manifest.Version));
        var state = _registry.State("xgb")!;
        Assert.Equal((DeploymentMode.Single, (int?)null, true), (state.Mode, state.Challenger, state.IsRefused(2)));
    }

    [Fact]
    public async Task RefreshAsync_WeightChange_NewRouteWithoutReloadingSessions()
    {
        SetState(DeploymentMode.Canary, 0);
        Assert.All(await PickAsync(200, _ => null), p => Assert.Equal(1, p.Model.Manifest.Version));
        var reads = _registry.ArtifactReads;

        SetState(DeploymentMode.Canary, 100);
        await _provider.RefreshAsync();
        var after = await PickAsync(200, _ => null);
        SetState(DeploymentMode.Canary, 50);
        await _provider.RefreshAsync();
        await PickAsync(200, _ => null);

        Assert.All(after, p => Assert.Equal((2, RouteReasons.Canary), (p.Model.Manifest.Version, p.Reason)));
        Assert.Equal(reads + 1, _registry.ArtifactReads); // Version 2 loaded once, before it was routed to.
    }

    [Fact]
    public async Task RoutingKeyFieldAsync_ColdModel_LoadsTheRouteAndAnswersTheField()
    {
        _registry.SetState(new DeploymentState
        {
            Model = "xgb", Champion = 1, LastKnownGood = 1, Mode = DeploymentMode.AB, Challenger = 2, ChallengerWeight = 50,
            RoutingKeyField = "customer", UpdatedAt = DateTimeOffset.UnixEpoch, UpdatedBy = "tests",
        });

        Assert.Null(_provider.RoutingKeyField("xgb")); // Nothing cached: the sync lookup cannot know.
        Assert.Equal("customer", await _provider.RoutingKeyFieldAsync("xgb"));
        Assert.Equal("customer", _provider.RoutingKeyField("xgb"));
        Assert.Null(await _provider.RoutingKeyFieldAsync("unknown"));
    }

    private void SetState(DeploymentMode mode, int weight, int champion = 1, int lastKnownGood = 1) => _registry.SetState(new DeploymentState
    {
        Model = "xgb", Champion = champion, LastKnownGood = lastKnownGood, Mode = mode,
        Challenger = mode == DeploymentMode.Single ? null : 2, ChallengerWeight = weight,
        UpdatedAt = DateTimeOffset.UnixEpoch, UpdatedBy = "tests",
    });

    private async Task<List<RoutedModel>> PickAsync(int count, Func<int, string?> key)
    {
        var picks = new List<RoutedModel>(count);
        for (var i = 0; i < count; i++)
        {
            picks.Add(await _provider.RouteAsync("xgb", key(i)));
        }

        return picks;
    }
}
