using System.Net.Http.Json;
using System.Text.Json;

namespace Serverless.LocalHost.Tests.Rollout;

/// <summary>One predict call as routing tests see it: the status, and the version and reason the response names.</summary>
internal readonly record struct RoutedPrediction(int Status, int Version, string? Reason)
{
    public const string Body = """{ "records": [ { "a": 1, "b": 2, "c": 3, "d": "high" } ] }""";

    /// <param name="body">The predict body; default <see cref="Body"/> (the xgb test model's record).</param>
    public static async Task<RoutedPrediction> SendAsync(HttpClient client, string model = "xgb", string? routingKey = null, string? body = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/models/{model}/predict") { Content = TestLocalHost.Json(body ?? Body) };
        if (routingKey is not null)
        {
            request.Headers.Add("x-routing-key", routingKey);
        }

        using var response = await client.SendAsync(request);
        if (!response.IsSuccessStatusCode)
        {
            return new RoutedPrediction((int)response.StatusCode, 0, null);
        }

        var answer = await response.Content.ReadFromJsonAsync<JsonElement>();
        var version = answer.GetProperty("version").GetInt32();
        var reason = answer.GetProperty("reason").GetString();
        Assert.Equal(version.ToString(System.Globalization.CultureInfo.InvariantCulture), response.Headers.GetValues("x-model-version").Single());
        Assert.Equal(reason, response.Headers.GetValues("x-route-reason").Single());
        return new RoutedPrediction((int)response.StatusCode, version, reason);
    }

    /// <summary>Predicts until <paramref name="done"/> holds (or fails after <paramref name="timeout"/>); returns the time it took.</summary>
    public static async Task<TimeSpan> UntilAsync(HttpClient client, Func<RoutedPrediction, bool> done, TimeSpan timeout)
    {
        var started = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            var prediction = await SendAsync(client);
            if (done(prediction))
            {
                return started.Elapsed;
            }

            Assert.True(started.Elapsed < timeout, $"Still {prediction} after {timeout}.");
            await Task.Delay(20);
        }
    }
}
