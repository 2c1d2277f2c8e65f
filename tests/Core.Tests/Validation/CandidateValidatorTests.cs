using Azure.Storage.Blobs;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Serverless.Core.Models;
using Serverless.Core.Scoring;
using Serverless.Core.Tests.Scoring.TestModels;
using Serverless.Core.Validation;
using Serverless.Testing;

namespace Serverless.Core.Tests.Validation;

/// <summary>The gates on real versions: the Blob registry on Azurite, the candidate loaded into ONNX Runtime.</summary>
public sealed class CandidateValidatorTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>, IDisposable
{
    // The classifier stump answers [1, 0] for x0 <= 0.5 and [0.3, 0.7] above: rows on both sides give a score spread.
    private static readonly FeatureHistogram[] BothSides = [new("x0", [0.5], [10, 10], 0, Min: 0, Max: 1)];
    private static readonly FeatureHistogram[] OneSide = [new("x0", [0.5], [10, 0], 0, Min: 0, Max: 1)];

    private readonly string _container = AzuriteFixture.UniqueName("validate");
    private BlobModelRegistry? _registry;
    private ModelProvider? _provider;

    private BlobModelRegistry Registry => _registry ??= new BlobModelRegistry(
        new BlobServiceClient(azurite.ConnectionString), Options.Create(new RegistryOptions { Container = _container }), TimeProvider.System);

    private CandidateValidator Validator(ValidationOptions? options = null)
    {
        _provider ??= new ModelProvider(Registry, Options.Create(new ScoringOptions()), NullLogger<ModelProvider>.Instance, TimeProvider.System);
        var store = new ValidationReportStore(new BlobServiceClient(azurite.ConnectionString), Options.Create(new RegistryOptions { Container = _container }));
        return new CandidateValidator(Registry, _provider, store, Options.Create(options ?? new ValidationOptions { LatencySamples = 50, SampleRows = 64 }), TimeProvider.System);
    }

    private async Task<ModelManifest> RegisterAsync(double auc, IReadOnlyList<FeatureHistogram>? statistics = null, FeatureSchema? schema = null)
    {
        var manifest = await Registry.RegisterAsync(new ModelRegistration
        {
            Name = "churn",
            Onnx = TestOnnxModels.Classifier(),
            Task = ModelTask.Classification,
            Features = schema ?? TestManifests.ClassifierSchema(),
            ClassLabels = ["0", "1"],
            Metrics = new Dictionary<string, double> { ["auc"] = auc, ["accuracy"] = 0.75, ["holdoutRows"] = 400 },
            Statistics = statistics ?? BothSides,
            CreatedBy = "tests",
        });
        if (manifest.Version == 1)
        {
            // As the register route does: a model's first version becomes its champion.
            await Registry.UpdateDeploymentAsync("churn", _ => new DeploymentState { Model = "churn", Champion = 1, UpdatedAt = DateTimeOffset.UtcNow, UpdatedBy = "tests" });
        }

        return manifest;
    }

    [Fact]
    public async Task ValidateAsync_BetterCandidate_PassesEveryGateAndStoresTheReport()
    {
        await RegisterAsync(0.80); // v1, the champion
        await RegisterAsync(0.81);

        var report = await Validator().ValidateAsync(new ValidationRequest("churn", 2));

        Assert.True(report.Passed, string.Join("; ", report.Gates.Where(g => !g.Passed).Select(g => $"{g.Name}: {g.Detail}")));
        Assert.Equal(1, report.ChampionVersion);
        Assert.Equal([ValidationGates.Minimums, ValidationGates.NoRegression, ValidationGates.Latency, ValidationGates.Schema, ValidationGates.Outputs],
            report.Gates.Select(g => g.Name));
        Assert.Contains(report.Metrics, m => m is { Name: "auc", Candidate: 0.81, Champion: 0.80 });
        Assert.DoesNotContain(report.Metrics, m => m.Name == "holdoutRows");
        Assert.True(report.LatencyP95Ms > 0);
        var stored = await new ValidationReportStore(new BlobServiceClient(azurite.ConnectionString), Options.Create(new RegistryOptions { Container = _container }))
            .ReadAsync("churn", 2);
        Assert.Equal(report.Gates, stored!.Gates);
        var html = (await new BlobContainerClient(azurite.ConnectionString, _container).GetBlobClient("churn/2/validation.html").DownloadContentAsync()).Value;
        Assert.Equal("text/html; charset=utf-8", html.Details.ContentType);
        Assert.Contains("churn v2: passed validation", html.Content.ToString());
    }

    [Fact]
    public async Task ValidateAsync_ShuffledLabelsCandidate_FailsTheFloorAndTheRegressionGate()
    {
        await RegisterAsync(0.80);
        await RegisterAsync(0.51);

        var report = await Validator().ValidateAsync(new ValidationRequest("churn", 2));

        Assert.False(report.Passed);
        Assert.Equal([ValidationGates.Minimums, ValidationGates.NoRegression], report.Gates.Where(g => !g.Passed).Select(g => g.Name));
        Assert.Contains("auc 0.51 not >= 0.6", report.Gates[0].Detail);
    }

    [Fact]
    public async Task ValidateAsync_ChampionOnTheCandidatesHoldout_IsWhatItComparesWith_AndTheReportShowsBoth()
    {
        await RegisterAsync(0.70); // stored: the champion's own holdout said 0.70
        await RegisterAsync(0.75);

        var report = await Validator().ValidateAsync(new ValidationRequest("churn", 2,
            ChampionHoldout: new ChampionOnHoldout(1, 400, new Dictionary<string, double> { ["auc"] = 0.9, ["accuracy"] = 0.8 })));

        var gate = report.Gates.Single(g => g.Name == ValidationGates.NoRegression);
        Assert.False(gate.Passed);
        Assert.Equal("against champion v1 re-scored on this candidate's holdout (400 rows), tolerance 0.005: auc 0.75 vs 0.9", gate.Detail);
        Assert.Equal(ChampionBasis.Holdout, report.ChampionBasis);
        Assert.Contains(report.Metrics, m => m is { Name: "auc", Candidate: 0.75, Champion: 0.9, ChampionStored: 0.70 });
        var html = (await new BlobContainerClient(azurite.ConnectionString, _container).GetBlobClient("churn/2/validation.html").DownloadContentAsync()).Value.Content.ToString();
        Assert.Contains("compared with champion v1 re-scored on this candidate&#39;s holdout (400 rows)", html);
        Assert.Contains("<tr><td>auc</td><td>0.75</td><td>0.9</td><td>0.7</td></tr>", html);
        var json = (await new BlobContainerClient(azurite.ConnectionString, _container).GetBlobClient("churn/2/validation.json").DownloadContentAsync()).Value.Content.ToString();
        Assert.Contains("\"championBasis\":\"holdout\"", json);
        Assert.Contains("\"championStored\":0.7", json);
    }

    [Fact]
    public async Task ValidateAsync_NoHoldoutScore_ComparesStoredMetricsAndSaysSo()
    {
        await RegisterAsync(0.80);
        await RegisterAsync(0.81);

        var report = await Validator().ValidateAsync(new ValidationRequest("churn", 2));

        Assert.Equal(ChampionBasis.Stored, report.ChampionBasis);
        Assert.StartsWith("against champion v1's stored metrics (from its own holdout", report.Gates.Single(g => g.Name == ValidationGates.NoRegression).Detail);
    }

    [Fact]
    public async Task ValidateAsync_ChampionCannotScoreTheHoldoutThoughSchemasAgree_FailsNoRegressionWithTheReason()
    {
        await RegisterAsync(0.80);
        await RegisterAsync(0.85);

        var report = await Validator().ValidateAsync(new ValidationRequest("churn", 2,
            ChampionHoldout: new ChampionOnHoldout(1, 400, null, "3 of 400 holdout rows do not encode (line 9: Field 'country' has unknown category 'Italy')")));

        Assert.Equal([ValidationGates.NoRegression], report.Gates.Where(g => !g.Passed).Select(g => g.Name));
        Assert.Equal("champion v1 could not score the candidate's holdout: 3 of 400 holdout rows do not encode (line 9: Field 'country' has unknown category 'Italy')",
            report.Gates.Single(g => g.Name == ValidationGates.NoRegression).Detail);
        Assert.Equal(ChampionBasis.Unscorable, report.ChampionBasis);
        Assert.Contains(report.Metrics, m => m is { Name: "auc", Champion: null, ChampionStored: 0.80 });
    }

    [Fact]
    public async Task ValidateAsync_ChampionCannotScoreTheHoldoutAndTheSchemaGateFails_OnlyTheSchemaGateFails()
    {
        await RegisterAsync(0.80);
        await RegisterAsync(0.85, schema: new FeatureSchema("features",
            [new FeatureDefinition("x0", FeatureKind.Numeric, Required: true), new FeatureDefinition("x1", FeatureKind.Numeric, Required: true)]));

        var report = await Validator().ValidateAsync(new ValidationRequest("churn", 2,
            ChampionHoldout: new ChampionOnHoldout(1, 400, null, "400 of 400 holdout rows do not encode (line 2: Field 'x9' is required.)")));

        Assert.Equal([ValidationGates.Schema], report.Gates.Where(g => !g.Passed).Select(g => g.Name));
        Assert.Equal("not compared: champion v1 cannot score the candidate's holdout; see schema compatibility",
            report.Gates.Single(g => g.Name == ValidationGates.NoRegression).Detail);
    }

    [Fact]
    public async Task ValidateAsync_OutputsCollapsedOnTheTrainingDistribution_FailsSaneOutputs()
    {
        await RegisterAsync(0.80, OneSide);

        var report = await Validator().ValidateAsync(new ValidationRequest("churn", 1));

        var gate = report.Gates.Single(g => g.Name == ValidationGates.Outputs);
        Assert.False(gate.Passed);
        Assert.Contains("spread 0 ", gate.Detail);
        Assert.Null(report.ChampionVersion); // validating the champion itself: nothing to compare with
    }

    [Fact]
    public async Task ValidateAsync_ModelPolicyWithAnImpossibleBudgetAndANewRequiredField_FailsThoseGates()
    {
        await RegisterAsync(0.80);
        await RegisterAsync(0.82, schema: new FeatureSchema("features",
            [new FeatureDefinition("x0", FeatureKind.Numeric, Required: true), new FeatureDefinition("x1", FeatureKind.Numeric, Required: true)]));
        var policy = new ValidationPolicy { Minimums = new() { ["auc"] = 0.6 }, LatencyBudget = TimeSpan.FromTicks(1) };

        var report = await Validator().ValidateAsync(new ValidationRequest("churn", 2, Policy: policy));

        Assert.Equal([ValidationGates.Latency, ValidationGates.Schema], report.Gates.Where(g => !g.Passed).Select(g => g.Name));
        Assert.Equal("newly requires x1", report.Gates.Single(g => g.Name == ValidationGates.Schema).Detail);
    }

    [Fact]
    public async Task ValidateAsync_UnknownVersion_Throws()
    {
        await Assert.ThrowsAsync<ModelNotFoundException>(() => Validator().ValidateAsync(new ValidationRequest("churn", 9)));
    }

    public void Dispose() => _provider?.Dispose();
}
