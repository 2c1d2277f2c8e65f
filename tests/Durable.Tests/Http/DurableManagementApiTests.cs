using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Serverless.Core.Workflows;
using Serverless.Durable.Http;
using Serverless.Durable.TestWorker;
using Serverless.Testing;

namespace Serverless.Durable.Tests.Http;

/// <summary>Drives the local host's management API the way a Durable Functions client script does.</summary>
public class DurableManagementApiTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task ClientScript_StartPollRaiseEvent_CompletesWithDurableFunctionsShapes()
    {
        await using var app = await StartAppAsync();
        using var http = new HttpClient { BaseAddress = new Uri(app.Urls.First()) };

        var start = await http.PostAsync($"{DurableManagementApi.BasePath}/orchestrators/Greeting", Json(new { name = "Ada" }));
        Assert.Equal(HttpStatusCode.Accepted, start.StatusCode);
        using var payload = JsonDocument.Parse(await start.Content.ReadAsStringAsync());
        var root = payload.RootElement;
        var statusUri = root.GetProperty("statusQueryGetUri").GetString()!;
        Assert.Equal(statusUri, start.Headers.Location!.ToString());
        Assert.Contains("{eventName}", root.GetProperty("sendEventPostUri").GetString());
        Assert.True(root.TryGetProperty("terminatePostUri", out _) && root.TryGetProperty("purgeHistoryDeleteUri", out _));

        var raise = root.GetProperty("sendEventPostUri").GetString()!.Replace("{eventName}", "greet", StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, (await http.PostAsync(raise, new StringContent("{not json", Encoding.UTF8, "application/json"))).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await http.PostAsync(raise, Json("Hello"))).StatusCode);
        var final = await PollAsync(http, statusUri);

        Assert.Equal("Completed", final.GetProperty("runtimeStatus").GetString());
        Assert.Equal("Hello, Ada", final.GetProperty("output").GetString());
        Assert.Equal("Ada", final.GetProperty("input").GetProperty("name").GetString());
        Assert.Equal(HttpStatusCode.Gone, (await http.PostAsync(raise, Json("late"))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await http.DeleteAsync(root.GetProperty("purgeHistoryDeleteUri").GetString())).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync(statusUri)).StatusCode);
    }

    [Fact]
    public async Task Terminate_RunningInstance_Accepted_ThenGoneAndUnknownIsNotFound()
    {
        await using var app = await StartAppAsync();
        using var http = new HttpClient { BaseAddress = new Uri(app.Urls.First()) };
        var start = await http.PostAsync($"{DurableManagementApi.BasePath}/orchestrators/Greeting/fixed-1", Json(new { name = "Bob" }));
        var terminate = $"{DurableManagementApi.BasePath}/instances/fixed-1/terminate?reason=stop";

        Assert.Equal(HttpStatusCode.Conflict, (await http.PostAsync($"{DurableManagementApi.BasePath}/orchestrators/Greeting/fixed-1", Json(new { name = "Bob" }))).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await http.PostAsync(terminate, null)).StatusCode);
        var final = await PollAsync(http, start.Headers.Location!.ToString());
        Assert.Equal("Terminated", final.GetProperty("runtimeStatus").GetString());
        Assert.Equal(HttpStatusCode.Gone, (await http.PostAsync(terminate, null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await http.PostAsync($"{DurableManagementApi.BasePath}/instances/nobody/raiseEvent/x", Json(1))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await http.PostAsync($"{DurableManagementApi.BasePath}/orchestrators/NoSuchOrchestrator", null)).StatusCode);
    }

    [Fact]
    public async Task StartInterruptedAfterHistoryWrite_StatusTerminateAndStartAgain_Recover()
    {
        var hub = AzuriteFixture.UniqueName("http");
        await using var app = await StartAppAsync(hub);
        using var http = new HttpClient { BaseAddress = new Uri(app.Urls.First()) };
        await WriteHistoryOnlyAsync(hub, "half-started", "{\"name\":\"Eve\"}");
        var instance = $"{DurableManagementApi.BasePath}/instances/half-started";

        var pending = await http.GetAsync(instance);
        Assert.Equal(HttpStatusCode.Accepted, pending.StatusCode);
        var body = await pending.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(("Greeting", "Pending", "Eve"), (body.GetProperty("name").GetString(), body.GetProperty("runtimeStatus").GetString(), body.GetProperty("input").GetProperty("name").GetString()));
        Assert.Equal(HttpStatusCode.Accepted, (await http.PostAsync(instance + "/terminate?reason=stuck", null)).StatusCode);
        Assert.Equal("Terminated", (await PollAsync(http, instance)).GetProperty("runtimeStatus").GetString());

        Assert.Equal(HttpStatusCode.Accepted, (await http.PostAsync($"{DurableManagementApi.BasePath}/orchestrators/Greeting/half-started", Json(new { name = "Eve" }))).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await http.PostAsync(instance + "/raiseEvent/greet", Json("Hi"))).StatusCode);
        Assert.Equal("Hi, Eve", (await PollAsync(http, instance)).GetProperty("output").GetString());
    }

    /// <summary>The first of a start's writes (sentinel + ExecutionStarted), as left by a process killed right after it.</summary>
    private async Task WriteHistoryOnlyAsync(string hub, string instanceId, string input)
    {
        var history = new Durable.Storage.HistoryStore(new Azure.Data.Tables.TableClient(azurite.ConnectionString, hub + "History"));
        var sentinel = new Durable.Storage.Sentinel("Greeting", Durable.Engine.TaskHub.NewExecutionId(), 1, -1, WorkflowRuntimeStatus.Pending, null, null, DateTimeOffset.MinValue);
        var started = new Durable.History.HistoryEvent(Durable.History.HistoryEventType.ExecutionStarted, DateTime.UtcNow) { Name = "Greeting", Data = input };
        Assert.True(await history.TryCreateAsync(instanceId, null, sentinel, started, CancellationToken.None));
    }

    private async Task<WebApplication> StartAppAsync(string? hub = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Services.AddWorkflows(registry => registry.AddOrchestrator("Greeting", async context =>
        {
            var greeting = await context.WaitForExternalEvent<string>("greet");
            return $"{greeting}, {context.GetInput<JsonElement>().GetProperty("name").GetString()}";
        }));
        hub ??= AzuriteFixture.UniqueName("http");
        builder.Services.AddDurableEngine(options =>
        {
            var test = TestEngineOptions.Create(azurite.ConnectionString, hub);
            options.ConnectionString = test.ConnectionString;
            options.TaskHubName = test.TaskHubName;
            options.MaxPollingInterval = test.MaxPollingInterval;
            options.ClientPollingInterval = test.ClientPollingInterval;
        });
        var app = builder.Build();
        app.MapDurableManagementApi();
        await app.StartAsync();
        return app;
    }

    private static StringContent Json(object value) => new(JsonSerializer.Serialize(value), Encoding.UTF8, "application/json");

    /// <summary>Polls the status URI while it answers 202, as Durable Functions clients do.</summary>
    private static async Task<JsonElement> PollAsync(HttpClient http, string statusUri)
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (true)
        {
            var response = await http.GetAsync(statusUri, cts.Token);
            if (response.StatusCode == HttpStatusCode.OK)
            {
                return (await response.Content.ReadFromJsonAsync<JsonElement>(cts.Token));
            }

            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
            await Task.Delay(50, cts.Token);
        }
    }
}
