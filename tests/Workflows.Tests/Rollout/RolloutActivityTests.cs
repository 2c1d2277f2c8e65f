using Azure.Storage.Blobs;
using Microsoft.DurableTask;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Moq;
using Serverless.Core.Models;
using Serverless.Core.Monitoring;
using Serverless.Core.Rollout;
using Serverless.Core.Rollout.Health;
using Serverless.Testing;
using Serverless.Workflows.Rollout;

namespace Serverless.Workflows.Tests.Rollout;

/// <summary>The rollout activities on real Azurite: the registry, the deployment state blob, the audit table and window rows.</summary>
public sealed class RolloutActivityTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>, IDisposable
{
    private static readonly TaskActivityContext Activity = Mock.Of<TaskActivityContext>();
    private static readonly byte[] Xgb = File.ReadAllBytes(RepositoryPaths.XgbRegressorOnnx);
    private readonly List<ServiceProvider> _providers = [];

    [Fact]
    public async Task SetRolloutWeight_RunTwice_OneChangeThatRecordsTheInstance()
    {
        var (services, _) = await SetUpAsync();
        var activity = ActivatorUtilities.CreateInstance<SetRolloutWeightActivity>(services);
        var input = new RolloutWeightInput("churn", 2, DeploymentMode.Canary, 25, "rollout-churn", "step 2");

        var first = await activity.RunAsync(Activity, input);
        var second = await activity.RunAsync(Activity, input);

        Assert.Equal(new RolloutChange(true, "canary champion=1 challenger=2 weight=25", null), first);
        Assert.Equal(first, second);
        var (state, changes) = await services.GetRequiredService<DeploymentService>().HistoryAsync("churn", 50);
        Assert.Equal("rollout-churn", state!.RolloutInstanceId);
        Assert.Single(changes, c => c.To.Contains("weight=25", StringComparison.Ordinal));
    }

    [Fact]
    public async Task SetRolloutWeight_CandidateArtifactCorrupted_NotOkAndNothingRouted()
    {
        var (services, container) = await SetUpAsync();
        await container.GetBlobClient("churn/2/model.onnx").UploadAsync(BinaryData.FromBytes([1, 2, 3]), overwrite: true);

        var result = await ActivatorUtilities.CreateInstance<SetRolloutWeightActivity>(services)
            .RunAsync(Activity, new RolloutWeightInput("churn", 2, DeploymentMode.Canary, 5, "rollout-churn", "step 1"));

        Assert.False(result.Ok);
        Assert.Contains("cannot receive traffic", result.Error, StringComparison.Ordinal);
        Assert.Equal(DeploymentMode.Single, (await services.GetRequiredService<IModelRegistry>().GetDeploymentAsync("churn"))!.Mode);
    }

    [Fact]
    public async Task FinishRollout_PromoteTwiceThenRollback_IdempotentAndBackOnTheChampion()
    {
        var (services, _) = await SetUpAsync();
        var finish = ActivatorUtilities.CreateInstance<FinishRolloutActivity>(services);
        var registry = services.GetRequiredService<IModelRegistry>();

        Assert.True((await finish.RunAsync(Activity, new FinishRolloutInput("churn", "promote", 2, "rollout-churn", "passed"))).Ok);
        Assert.True((await finish.RunAsync(Activity, new FinishRolloutInput("churn", "promote", 2, "rollout-churn", "passed"))).Ok);
        var promoted = await registry.GetDeploymentAsync("churn");
        var rolledBack = await finish.RunAsync(Activity, new FinishRolloutInput("churn", "rollback", 1, "rollout-churn", "failed"));

        Assert.Equal((2, 1, DeploymentMode.Single), (promoted!.Champion, promoted.LastKnownGood, promoted.Mode));
        Assert.Equal(new RolloutChange(true, "single champion=1", null), rolledBack);
        Assert.Equal(1, promoted.History.Count(h => h.Action == "promote" && h.By == "rollout-churn"));
    }

    [Fact]
    public async Task PlanRollout_KnownAndUnknownVersions_PlanWithChampionOrWhyNot()
    {
        var (services, _) = await SetUpAsync();
        var plan = ActivatorUtilities.CreateInstance<PlanRolloutActivity>(services);

        var ok = await plan.RunAsync(Activity, new RolloutRequest("churn", 2, "tests", "manual"));
        var missing = await plan.RunAsync(Activity, new RolloutRequest("churn", 9, "tests", "manual"));
        var champion = await plan.RunAsync(Activity, new RolloutRequest("churn", 1, "tests", "manual"));
        var model = await plan.RunAsync(Activity, new RolloutRequest("nosuch", 1, "tests", "manual"));

        Assert.Equal((1, "canary", 4), (ok.Champion, ok.Plan!.Name, ok.Plan.Steps.Count));
        Assert.Equal("Model 'churn' has no version 9.", missing.Error);
        Assert.Contains("already is the champion", champion.Error, StringComparison.Ordinal);
        Assert.Equal("Model 'nosuch' is not registered.", model.Error);
    }

    [Theory]
    [InlineData(300, 0, HealthVerdict.Pass)]
    [InlineData(300, 60, HealthVerdict.Fail)]
    [InlineData(30, 0, HealthVerdict.Inconclusive)]
    public async Task AnalyzeHealth_RealWindowRows_VerdictFromTheCandidateAgainstTheChampion(int requests, int errors, HealthVerdict expected)
    {
        var (services, _) = await SetUpAsync();
        var store = services.GetRequiredService<WindowStore>();
        var minute = WindowKey.MinuteOf(DateTimeOffset.UtcNow);
        // Two instances of the champion and one of the candidate flushed this minute; the reader merges them.
        await store.WriteAsync(new WindowKey("churn", 1, minute), "a", Window(2000, 2));
        await store.WriteAsync(new WindowKey("churn", 1, minute), "b", Window(2000, 2));
        await store.WriteAsync(new WindowKey("churn", 2, minute), "a", Window(requests, errors));
        await store.WriteAsync(new WindowKey("churn", 2, minute.AddMinutes(-90)), "a", Window(5000, 5000)); // long before: not in the window

        var report = await ActivatorUtilities.CreateInstance<AnalyzeRolloutHealthActivity>(services).RunAsync(Activity, new HealthAnalysisInput(
            "churn", 2, 1, minute.UtcDateTime.AddSeconds(10), minute.UtcDateTime.AddMinutes(1), minute.UtcDateTime));

        Assert.Equal(expected, report.Verdict);
        Assert.Equal((requests, errors, 4000L), (report.Candidate.Requests, report.Candidate.Errors, report.Champion.Requests));
    }

    private static WindowAggregate Window(int requests, int errors)
    {
        var window = new WindowAggregate { Requests = requests, Records = requests - errors };
        if (errors > 0)
        {
            window.Errors["internal"] = errors;
        }

        for (var i = 0; i < requests; i++)
        {
            window.Latency.Add(2 + (i % 3));
        }

        return window;
    }

    /// <summary>The services both hosts register for these activities, on fresh containers and tables; model churn v1 (champion) and v2.</summary>
    private async Task<(IServiceProvider Services, BlobContainerClient Container)> SetUpAsync()
    {
        var container = AzuriteFixture.UniqueName("models");
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["AzureWebJobsStorage"] = azurite.ConnectionString,
            ["Registry:Container"] = container,
            ["Monitoring:WindowTable"] = AzuriteFixture.UniqueName("windows"),
            ["Monitoring:Feedback:Table"] = AzuriteFixture.UniqueName("feedback"),
            ["Rollout:AuditTable"] = AzuriteFixture.UniqueName("audit"),
        }).Build();
        var provider = new ServiceCollection().AddLogging().AddModelRegistry(configuration).AddMonitoring(configuration).AddRollout(configuration).BuildServiceProvider();
        _providers.Add(provider);
        var registry = provider.GetRequiredService<IModelRegistry>();
        foreach (var _ in new[] { 1, 2 })
        {
            await registry.RegisterAndPromoteIfFirstAsync(new ModelRegistration { Name = "churn", Onnx = Xgb, CreatedBy = "tests" }, TimeProvider.System);
        }

        return (provider, new BlobServiceClient(azurite.ConnectionString).GetBlobContainerClient(container));
    }

    public void Dispose()
    {
        foreach (var provider in _providers)
        {
            provider.Dispose();
        }
    }
}
