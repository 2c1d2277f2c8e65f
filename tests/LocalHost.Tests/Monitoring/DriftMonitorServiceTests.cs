using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Serverless.Core.Monitoring;
using Serverless.Core.Monitoring.DriftMonitoring;
using Serverless.Testing;
using Serverless.Workflows;

namespace Serverless.LocalHost.Tests.Monitoring;

/// <summary>
/// The local host's hosted drift timer end to end: shifted predictions over HTTP, windows flushed to Azurite, the monitor
/// acting once per cooldown and starting a retrain orchestration on DTFx.
/// </summary>
public class DriftMonitorServiceTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private static string Record(int tenure, double charges) =>
        $$"""{"tenure_months":{{tenure}},"monthly_charges":{{charges}},"total_charges":{{tenure * charges}},"support_calls":1,"age":40,"contract":"month-to-month","payment_method":"electronic-check","internet_service":"fiber","paperless_billing":"yes"}""";

    [Fact]
    public async Task HostedTimer_ShiftedPredictions_StartsOneRetrainPerCooldown()
    {
        using var host = new TestLocalHost(azurite, s => s.AddWorkflows(c => c.AddOrchestrator<TestRetrainOrchestrator>()),
            ("LocalHost:SeedSampleModel", "true"),
            ("Monitoring:FlushInterval", "00:00:01"),
            ("Monitoring:Drift:Interval", "00:00:01"),
            ("Monitoring:Drift:Cooldown", "01:00:00"),
            ("Monitoring:Drift:Policy", "Retrain"),
            ("Monitoring:Drift:RetrainOrchestration", nameof(TestRetrainOrchestrator)),
            ("Monitoring:Drift:Table", AzuriteFixture.UniqueName("drift")));
        var store = host.Services.GetRequiredService<DriftCheckStore>();
        var since = DateTimeOffset.UtcNow.AddMinutes(-1);

        // 150 records far outside training (monthly charges of 1000): PSI on monthly_charges crosses 0.25.
        for (var request = 0; request < 3; request++)
        {
            var records = string.Join(",", Enumerable.Range(0, 50).Select(_ => Record(100, 1000)));
            (await host.Client.PostAsync("/api/models/churn/predict", TestLocalHost.Json($$"""{ "records": [ {{records}} ] }"""))).EnsureSuccessStatusCode();
        }

        // Wait until the timer has judged the drifted window several times.
        IReadOnlyList<DriftCheck> acted = [];
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (DateTime.UtcNow < deadline)
        {
            acted = (await store.ReadAsync("churn", since, DateTimeOffset.UtcNow.AddMinutes(1))).Where(c => c.Level == DriftLevel.Act).ToList();
            if (acted.Count >= 3)
            {
                break;
            }

            await Task.Delay(250);
        }

        Assert.True(acted.Count >= 3, $"only {acted.Count} checks at act");
        var started = Assert.Single(acted, c => c.Action == DriftAction.RetrainStarted);
        Assert.All(acted.Where(c => c != started), c => Assert.Equal(DriftAction.Cooldown, c.Action));
        Assert.Contains(started.Versions, v => v.Features.Any(f => f.Name == "monthly_charges" && f.Level == DriftLevel.Act));

        var client = host.Services.GetRequiredService<DurableTaskClient>();
        using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var instance = await client.WaitForInstanceCompletionAsync(started.Retrain!, getInputsAndOutputs: true, wait.Token);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, instance.RuntimeStatus);
        Assert.Equal("churn:drift:1", instance.ReadOutputAs<string>());
        var instances = new List<OrchestrationMetadata>();
        await foreach (var i in client.GetAllInstancesAsync(new OrchestrationQuery { InstanceIdPrefix = "retrain-churn" }))
        {
            instances.Add(i);
        }

        Assert.Single(instances);

        // The same checks over HTTP.
        var history = await host.Client.GetFromJsonAsync<JsonElement>("/api/models/churn/drift");
        var actions = history.GetProperty("checks").EnumerateArray().Select(c => c.GetProperty("action").GetString()).ToList();
        Assert.Equal(1, actions.Count(a => a == "retrainStarted"));
        Assert.Equal(HttpStatusCode.BadRequest, (await host.Client.GetAsync("/api/models/churn/drift?from=soon")).StatusCode);
    }
}
