using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Serverless.Api.Security;
using Serverless.LocalHost.Durable;
using Serverless.Testing;
using Serverless.Workflows;
using Serverless.Workflows.Hosting;
using Serverless.Workflows.TestWorker.Workflows;

namespace Serverless.LocalHost.Tests.Durable;

/// <summary>Drives the local host's management API the way a Durable Functions client script does, on DTFx.</summary>
public class DurableManagementApiTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private static readonly string Key = TestApiKey.New();

    [Fact]
    public async Task StateChangingRoutes_WithoutOrWithWrongKey_Answer401AndChangeNothing()
    {
        await using var app = await StartAppAsync();
        using var keyed = new HttpClient { BaseAddress = new Uri(app.Urls.First()) }.WithKey(Key);
        using var anonymous = new HttpClient { BaseAddress = new Uri(app.Urls.First()) };
        using var wrong = new HttpClient { BaseAddress = new Uri(app.Urls.First()) }.WithKey(Key + "x");
        var basePath = DurableManagementApi.BasePath;

        foreach (var client in new[] { anonymous, wrong })
        {
            var refused = await client.PostAsync($"{basePath}/orchestrators/Greeting/refused-1", Json(new { name = "Eve" }));
            Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
            Assert.Contains("x-functions-key", (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString());
        }

        Assert.Equal(HttpStatusCode.NotFound, (await keyed.GetAsync($"{basePath}/instances/refused-1")).StatusCode);
        var start = await keyed.PostAsync($"{basePath}/orchestrators/Greeting/kept-1", Json(new { name = "Dan" }));
        await PollUntilAsync(keyed, start.Headers.Location!.ToString(), "Running");
        foreach (var client in new[] { anonymous, wrong })
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await client.PostAsync($"{basePath}/instances/kept-1/terminate", null)).StatusCode);
            Assert.Equal(HttpStatusCode.Unauthorized, (await client.PostAsync($"{basePath}/instances/kept-1/suspend", null)).StatusCode);
            Assert.Equal(HttpStatusCode.Unauthorized, (await client.PostAsync($"{basePath}/instances/kept-1/raiseEvent/greet", Json("Eve"))).StatusCode);
            Assert.Equal(HttpStatusCode.Unauthorized, (await client.DeleteAsync($"{basePath}/instances/kept-1")).StatusCode);
            Assert.Equal(HttpStatusCode.Unauthorized, (await client.DeleteAsync($"{basePath}/instances?runtimeStatus=Running")).StatusCode);
        }

        // Reads stay open, and the instance was neither signalled nor stopped.
        var status = await anonymous.GetFromJsonAsync<JsonElement>($"{basePath}/instances/kept-1");
        Assert.Equal("Running", status.GetProperty("runtimeStatus").GetString());
        await keyed.PostAsync($"{basePath}/instances/kept-1/raiseEvent/greet", Json("Hello"));
        Assert.Equal("Hello, Dan", (await PollAsync(keyed, start.Headers.Location!.ToString())).GetProperty("output").GetString());
    }

    [Fact]
    public async Task ClientScript_StartPollRaiseEvent_CompletesWithDurableFunctionsShapes()
    {
        await using var app = await StartAppAsync();
        using var http = new HttpClient { BaseAddress = new Uri(app.Urls.First()) }.WithKey(Key);

        var start = await http.PostAsync($"{DurableManagementApi.BasePath}/orchestrators/Greeting", Json(new { name = "Ada" }));
        Assert.Equal(HttpStatusCode.Accepted, start.StatusCode);
        using var payload = JsonDocument.Parse(await start.Content.ReadAsStringAsync());
        var root = payload.RootElement;
        var statusUri = root.GetProperty("statusQueryGetUri").GetString()!;
        Assert.Equal(statusUri, start.Headers.Location!.ToString());
        Assert.Contains("{eventName}", root.GetProperty("sendEventPostUri").GetString());
        Assert.All(["terminatePostUri", "suspendPostUri", "resumePostUri", "purgeHistoryDeleteUri"], p => Assert.True(root.TryGetProperty(p, out _), p));

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
        using var http = new HttpClient { BaseAddress = new Uri(app.Urls.First()) }.WithKey(Key);
        var start = await http.PostAsync($"{DurableManagementApi.BasePath}/orchestrators/Greeting/fixed-1", Json(new { name = "Bob" }));
        await PollUntilAsync(http, start.Headers.Location!.ToString(), "Running");
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
    public async Task SuspendResumeListAndPurgeByFilter_UseDurableFunctionsQueryParameters()
    {
        await using var app = await StartAppAsync();
        using var http = new HttpClient { BaseAddress = new Uri(app.Urls.First()) }.WithKey(Key);
        var basePath = DurableManagementApi.BasePath;
        var open = await http.PostAsync($"{basePath}/orchestrators/Greeting/open-1", Json(new { name = "Cy" }));
        await PollUntilAsync(http, open.Headers.Location!.ToString(), "Running");

        Assert.Equal(HttpStatusCode.Accepted, (await http.PostAsync($"{basePath}/instances/open-1/suspend?reason=pause", null)).StatusCode);
        await PollUntilAsync(http, open.Headers.Location!.ToString(), "Suspended");
        var suspended = await http.GetFromJsonAsync<JsonElement[]>($"{basePath}/instances?runtimeStatus=Suspended&showInput=true");
        Assert.Equal(HttpStatusCode.Accepted, (await http.PostAsync($"{basePath}/instances/open-1/resume?reason=go", null)).StatusCode);
        await PollUntilAsync(http, open.Headers.Location!.ToString(), "Running");
        await http.PostAsync($"{basePath}/instances/open-1/raiseEvent/greet", Json("Hi"));
        await PollAsync(http, open.Headers.Location!.ToString());

        Assert.Equal("open-1", Assert.Single(suspended!).GetProperty("instanceId").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, (await http.GetAsync($"{basePath}/instances?runtimeStatus=Sleeping")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await http.GetAsync($"{basePath}/instances?createdTimeFrom=yesterday")).StatusCode);
        var purge = await http.DeleteAsync($"{basePath}/instances?createdTimeFrom={Uri.EscapeDataString(DateTimeOffset.UtcNow.AddHours(-1).ToString("O"))}&runtimeStatus=Completed");
        Assert.Equal(1, (await purge.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("instancesDeleted").GetInt32());
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync($"{basePath}/instances/open-1")).StatusCode);
    }

    private async Task<WebApplication> StartAppAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Configuration[TestApiKey.Setting] = Key;
        builder.Services.AddApiKeyAuthorization();
        builder.Services.AddWorkflows(TestWorkflows.Register);
        builder.Services.AddDurableTaskHost(o =>
        {
            o.ConnectionString = azurite.ConnectionString;
            o.TaskHubName = AzuriteFixture.UniqueName("http");
        });
        var app = builder.Build();
        app.MapDurableManagementApi();
        await app.StartAsync();
        await app.Services.GetRequiredService<TaskHubWorkerService>().Ready.WaitAsync(TimeSpan.FromSeconds(60));
        return app;
    }

    private static StringContent Json(object value) => new(JsonSerializer.Serialize(value), Encoding.UTF8, "application/json");

    /// <summary>Polls the status URI while it answers 202, as Durable Functions clients do.</summary>
    private static Task<JsonElement> PollAsync(HttpClient http, string statusUri) => PollUntilAsync(http, statusUri, null);

    private static async Task<JsonElement> PollUntilAsync(HttpClient http, string statusUri, string? runtimeStatus)
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (true)
        {
            var response = await http.GetAsync(statusUri, cts.Token);
            Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.Accepted, $"{response.StatusCode}: {await response.Content.ReadAsStringAsync(cts.Token)}");
            var body = await response.Content.ReadFromJsonAsync<JsonElement>(cts.Token);
            if (runtimeStatus is null ? response.StatusCode == HttpStatusCode.OK : body.GetProperty("runtimeStatus").GetString() == runtimeStatus)
            {
                return body;
            }

            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
            await Task.Delay(50, cts.Token);
        }
    }
}
