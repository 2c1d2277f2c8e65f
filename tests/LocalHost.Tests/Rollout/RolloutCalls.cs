using System.Net.Http.Json;
using System.Text.Json;

namespace Serverless.LocalHost.Tests.Rollout;

/// <summary>The rollout routes as tests call them: start one, read its status, raise an event, wait for a state.</summary>
internal static class RolloutCalls
{
    public const string Instance = "rollout-xgb";

    public static Task<HttpResponseMessage> StartAsync(HttpClient client, string body, string model = "xgb") =>
        client.PostAsync($"/api/models/{model}/rollouts", TestLocalHost.Json(body));

    public static Task<HttpResponseMessage> RaiseAsync(HttpClient client, string @event, string body = """{ "reason": "tests" }""", string id = Instance) =>
        client.PostAsync($"/api/workflows/{id}/events/{@event}", TestLocalHost.Json(body));

    public static Task<JsonElement> StatusAsync(HttpClient client, string id = Instance) =>
        client.GetFromJsonAsync<JsonElement>($"/api/workflows/{id}");

    /// <summary>Polls the instance until <paramref name="done"/> holds for its status; returns that status.</summary>
    public static async Task<JsonElement> UntilAsync(HttpClient client, Func<JsonElement, bool> done, TimeSpan timeout, string id = Instance)
    {
        using var cts = new CancellationTokenSource(timeout);
        JsonElement status = default;
        while (true)
        {
            try
            {
                status = await client.GetFromJsonAsync<JsonElement>($"/api/workflows/{id}", cts.Token);
                if (done(status))
                {
                    return status;
                }

                await Task.Delay(200, cts.Token);
            }
            catch (OperationCanceledException) when (cts.IsCancellationRequested)
            {
                Assert.Fail($"Instance {id} did not get there in {timeout}; last status: {status}");
            }
        }
    }

    /// <summary>True once the rollout's custom status is <paramref name="state"/> (at <paramref name="step"/>, when given).</summary>
    public static bool At(JsonElement status, string state, int? step = null) =>
        status.TryGetProperty("customStatus", out var custom) && custom.ValueKind == JsonValueKind.Object
        && custom.GetProperty("state").GetString() == state && (step is null || custom.GetProperty("step").GetInt32() == step);

    public static bool Completed(JsonElement status) => status.GetProperty("runtimeStatus").GetString() is "Completed" or "Failed" or "Terminated";
}
