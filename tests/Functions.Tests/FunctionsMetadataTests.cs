using Serverless.Api.Http;
using Serverless.Core.Batch;
using Serverless.Testing;

namespace Serverless.Functions.Tests;

/// <summary>
/// The function app, as the Functions host indexes it (functions.metadata), against the local host and the
/// settings a clone starts from: one behaviour, two hosts.
/// </summary>
public class FunctionsMetadataTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private static readonly FunctionsMetadata Metadata = FunctionsMetadata.Load();

    [Fact]
    public void HttpRoutes_EveryLocalHostRoute_HasExactlyOneFunctionWithTheSameMethodAndRoute()
    {
        var local = LocalHostRoutes.Read(azurite);
        var functions = Metadata.HttpRoutes().ToList();

        Assert.NotEmpty(local);
        foreach (var (method, route) in local)
        {
            var matching = functions.Where(f => f.Method == method && string.Equals(f.Route, route, StringComparison.OrdinalIgnoreCase)).ToList();
            Assert.True(matching.Count == 1, $"{method} {route}: {matching.Count} functions ({string.Join(", ", matching.Select(m => m.Function))}).");
        }
    }

    [Fact]
    public void HttpRoutes_EveryFunction_IsARouteOfTheLocalHost()
    {
        var local = LocalHostRoutes.Read(azurite).ToHashSet();

        var missing = Metadata.HttpRoutes().Where(f => !local.Contains((f.Method, f.Route))).ToList();

        Assert.True(missing.Count == 0, "Not mapped by the local host: " + string.Join(", ", missing.Select(m => $"{m.Function} {m.Method} {m.Route}")));
    }

    [Fact]
    public void HttpRoutes_EveryStateChangingRoute_NeedsAFunctionKey()
    {
        var triggers = Metadata.TriggeredBy("httpTrigger").ToList();
        var changing = (from t in triggers
                        from method in t.Trigger.GetProperty("methods").EnumerateArray()
                        where !method.GetString()!.Equals("get", StringComparison.OrdinalIgnoreCase)
                        let route = t.Trigger.GetProperty("route").GetString()!.TrimStart('/')
                        where !Routes.Scoring.Contains(route) && !Routes.TokenAuthorized.Contains(route)
                        select (t.Function, AuthLevel: t.Trigger.GetProperty("authLevel").GetString())).ToList();

        Assert.Contains(changing, c => c.Function == "RegisterModelVersion");
        Assert.All(changing, c => Assert.False(
            string.Equals(c.AuthLevel, "Anonymous", StringComparison.OrdinalIgnoreCase), $"{c.Function} changes state but is anonymous."));
        Assert.All(triggers, t => Assert.True(t.Trigger.TryGetProperty("authLevel", out _), t.Function));
    }

    [Fact]
    public void HttpRoutes_TokenAuthorizedRoutes_AreAnonymous()
    {
        var tokenRoutes = Metadata.TriggeredBy("httpTrigger")
            .Where(t => Routes.TokenAuthorized.Contains(t.Trigger.GetProperty("route").GetString()!.TrimStart('/')))
            .ToList();

        Assert.Equal(["DecideApproval", "ShowApproval"], tokenRoutes.Select(t => t.Function).Order(StringComparer.Ordinal));
        Assert.All(tokenRoutes, t => Assert.Equal("Anonymous", t.Trigger.GetProperty("authLevel").GetString(), ignoreCase: true));
    }

    [Fact]
    public void AlertWebhook_TheRouteBicepCalls_IsAKeyedPostFunction()
    {
        var bicep = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "infra", "bicep", "main.bicep"));

        Assert.Contains($"alertsRoute: '{Routes.Alerts}'", bicep);
        var (function, trigger) = Assert.Single(Metadata.TriggeredBy("httpTrigger"), t => t.Trigger.GetProperty("route").GetString() == Routes.Alerts);
        Assert.Equal(("ReceiveAlert", "Function"), (function, trigger.GetProperty("authLevel").GetString()));
        Assert.Equal("post", Assert.Single(trigger.GetProperty("methods").EnumerateArray()).GetString());
    }

    [Fact]
    public void HttpRoutes_NoFunction_ClaimsTheDurableManagementRoutes()
    {
        Assert.DoesNotContain(Metadata.HttpRoutes(), f => f.Route.StartsWith(LocalHostRoutes.DurableManagementPrefix, StringComparison.OrdinalIgnoreCase));
    }

    [Theory]
    [InlineData("orchestrationTrigger")]
    [InlineData("activityTrigger")]
    public void WorkflowTriggers_MatchTheLocalHostsCatalog_BothWays(string bindingType)
    {
        var catalog = LocalHostWorkflows.Read(azurite);
        var local = (bindingType == "orchestrationTrigger" ? catalog.Orchestrators : catalog.Activities).Keys.Order(StringComparer.Ordinal);

        // Durable Functions schedules by function name, so it must equal the class's catalog name.
        var functions = Metadata.TriggeredBy(bindingType).Select(t => t.Function).Order(StringComparer.Ordinal);

        Assert.Equal(local, functions);
    }

    [Theory]
    [InlineData("blobTrigger")]
    [InlineData("timerTrigger")]
    public void Triggers_SettingsTheyName_ExistInTheSample(string bindingType)
    {
        var sample = LocalSettingsSample.Values();

        foreach (var (function, trigger) in Metadata.TriggeredBy(bindingType))
        {
            foreach (var setting in TriggerSettings.Named(trigger))
            {
                Assert.True(sample.ContainsKey(setting), $"{function} names setting '{setting}', which local.settings.sample.json lacks.");
            }
        }
    }

    [Theory]
    [InlineData("ScoreBatchBlob", nameof(BatchOptions.InputContainer))]
    [InlineData("RunBatchJob", nameof(BatchOptions.JobContainer))]
    public void BlobTriggers_Path_WatchesTheContainerTheSampleConfigures(string function, string option)
    {
        var trigger = Assert.Single(Metadata.TriggeredBy("blobTrigger"), t => t.Function == function).Trigger;
        var container = LocalSettingsSample.Values()[$"{BatchOptions.SectionName}__{option}"];

        Assert.Equal($"{container}/{{name}}", trigger.GetProperty("path").GetString());
        Assert.Equal(container, typeof(BatchOptions).GetProperty(option)!.GetValue(new BatchOptions()));
    }
}
