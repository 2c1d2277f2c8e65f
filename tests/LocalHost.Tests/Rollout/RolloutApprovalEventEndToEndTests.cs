using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Serverless.Core.Approvals;
using Serverless.Testing;

namespace Serverless.LocalHost.Tests.Rollout;

/// <summary>
/// An event raised while a rollout waits for an approval, on the local host (real Azurite, DTFx, HTTP): Abort ends the
/// wait at once, and the pending approval is cancelled through the engine (its ledger row closed), not left to remind.
/// </summary>
public class RolloutApprovalEventEndToEndTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);

    [Fact]
    public async Task Rollout_AbortWhileAwaitingTheFirstStepsApproval_EndsAbortedAndCancelsTheApproval()
    {
        using var host = TestLocalHost.OnLoopback(azurite,
        [
            .. RolloutEndToEndTests.Fast,
            ("Approvals:SigningKey", Convert.ToBase64String(Enumerable.Repeat((byte)7, 32).ToArray())),
            ("Approvals:DecisionTable", AzuriteFixture.UniqueName("approvals")),
            ("Approvals:Models:xgb:Approvers", "alice@example.org"),
            ("Approvals:Models:xgb:ApproveSteps", "5"),
        ]);
        await DeploymentApiTests.RegisterAsync(host, 2);

        var start = await RolloutCalls.StartAsync(host.Client, """{ "version": 2, "reason": "approval race" }""");
        Assert.True(start.IsSuccessStatusCode, await start.Content.ReadAsStringAsync());
        await RolloutCalls.UntilAsync(host.Client, s => RolloutCalls.At(s, "awaiting-approval", 1), Timeout);
        var approval = await WaitingApprovalAsync(host.Client);
        Assert.Equal(HttpStatusCode.Accepted, (await RolloutCalls.RaiseAsync(host.Client, "abort", """{ "reason": "changed our minds" }""")).StatusCode);

        var done = await RolloutCalls.UntilAsync(host.Client, RolloutCalls.Completed, Timeout);
        var cancelled = await RolloutCalls.UntilAsync(host.Client, RolloutCalls.Completed, Timeout, id: approval);

        var output = done.GetProperty("output");
        Assert.True(output.GetProperty("outcome").GetString() == "aborted", done.ToString());
        Assert.Equal(1, output.GetProperty("serving").GetInt32());
        Assert.Contains("changed our minds", output.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal("Completed", cancelled.GetProperty("runtimeStatus").GetString());
        Assert.Equal("cancelled", cancelled.GetProperty("output").GetProperty("outcome").GetString());
        Assert.Equal("cancelled", cancelled.GetProperty("customStatus").GetProperty("state").GetString());
        var request = await host.Services.GetRequiredService<ApprovalLedger>().GetAsync(approval);
        Assert.Equal(ApprovalStatus.TimedOut, request!.Status); // closed: the mailed links answer 410 now
        var history = await host.Client.GetFromJsonAsync<JsonElement>("/api/models/xgb/history");
        Assert.DoesNotContain(history.GetProperty("changes").EnumerateArray(), c => c.GetProperty("to").GetString()!.Contains("weight=5", StringComparison.Ordinal));
    }

    /// <summary>The id of the rollout's approval once it waits for decisions.</summary>
    private static async Task<string> WaitingApprovalAsync(HttpClient client)
    {
        var deadline = DateTime.UtcNow + Timeout;
        while (true)
        {
            // The list leaves custom statuses out: find the instance, then read its own status.
            var instances = await client.GetFromJsonAsync<JsonElement>("/runtime/webhooks/durabletask/instances?runtimeStatus=Running,Pending");
            var approval = instances.EnumerateArray().FirstOrDefault(i => i.GetProperty("name").GetString() == "ApprovalOrchestrator");
            if (approval.ValueKind == JsonValueKind.Object)
            {
                var id = approval.GetProperty("instanceId").GetString()!;
                await RolloutCalls.UntilAsync(client, s => RolloutCalls.At(s, "waiting"), Timeout, id);
                return id;
            }

            Assert.True(DateTime.UtcNow < deadline, $"No approval running: {instances}");
            await Task.Delay(200);
        }
    }
}
