using System.Net.Http.Json;
using System.Text.Json;

namespace Serverless.LocalHost.Tests.Monitoring;

/// <summary>Records for the seeded sample model <c>churn</c>, and a predict call that names its request id.</summary>
internal static class ChurnRecords
{
    public static string Record(int tenure, double charges, int calls = 1) =>
        $$"""{"tenure_months":{{tenure}},"monthly_charges":{{charges}},"total_charges":{{tenure * charges}},"support_calls":{{calls}},"age":40,"contract":"month-to-month","payment_method":"electronic-check","internet_service":"fiber","paperless_billing":"yes"}""";

    /// <summary><c>count</c> different records (tenure, charges and support calls vary).</summary>
    public static string Body(int count, int seed = 0) =>
        $$"""{ "records": [ {{string.Join(",", Enumerable.Range(seed, count).Select(i => Record(1 + (i * 7 % 70), 20 + (i * 13 % 100), i % 6)))}} ] }""";

    /// <summary>POSTs <paramref name="body"/> to <paramref name="path"/> with <c>x-request-id</c>; asserts 200 and returns the body.</summary>
    public static async Task<JsonElement> PredictAsync(HttpClient client, string requestId, string body, string path = "/api/models/churn/predict")
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = TestLocalHost.Json(body) };
        request.Headers.Add("x-request-id", requestId);
        using var response = await client.SendAsync(request);
        Assert.True(response.IsSuccessStatusCode, $"{path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    /// <summary>The automation level a response names (<c>full</c> when it names none).</summary>
    public static string Level(JsonElement body) => body.TryGetProperty("automation", out var level) ? level.GetString()! : "full";
}
