using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Serverless.Core.Tests.Scoring.TestModels;
using Serverless.Testing;

namespace Serverless.LocalHost.Tests.Scoring;

public partial class MalformedRequestTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task Endpoints_MalformedRequests_Answer4xxWithErrorAndGoodRequestsStillSucceed()
    {
        using var host = new TestLocalHost(azurite, ("Scoring:MaxRequestBytes", "16384"), ("Scoring:MaxRecordsPerRequest", "5"));
        await host.RegisterAsync("xgb", TestLocalHost.Xgb, $$"""{ "features": {{TestLocalHost.XgbSchema}} }""");
        await host.RegisterAsync("raw", TestLocalHost.Xgb);
        await host.RegisterAsync("mixed", TestOnnxModels.Identity(
            ("f", TestOnnxModels.Float, [-1, 2]), ("l", TestOnnxModels.Int64, [-1]), ("b", TestOnnxModels.Bool, [-1])));
        var cases = Cases().ToList();
        var failures = new List<string>();

        foreach (var c in cases)
        {
            using var request = new HttpRequestMessage(c.Method, c.Path) { Content = c.Content() };
            if (c.RequestId is not null)
            {
                request.Headers.TryAddWithoutValidation("x-request-id", c.RequestId);
            }

            using var response = await host.Client.SendAsync(request);
            var text = await response.Content.ReadAsStringAsync();
            var status = (int)response.StatusCode;
            string? error = null;
            try
            {
                error = JsonDocument.Parse(text).RootElement.GetProperty("error").GetString();
            }
            catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
            {
            }

            if (status is < 400 or > 499 || string.IsNullOrWhiteSpace(error))
            {
                failures.Add($"{c.Method} {c.Path} -> {status} {text[..Math.Min(200, text.Length)]}");
            }
        }

        Assert.True(cases.Count >= 150, $"Only {cases.Count} cases.");
        var distinct = new HashSet<string>();
        foreach (var c in cases)
        {
            distinct.Add(await c.DescribeAsync());
        }

        Assert.True(distinct.Count >= 150, $"Only {distinct.Count} distinct cases.");
        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));

        var predict = await host.Client.PostAsync(Predict, TestLocalHost.Json("""{ "records": [ { "a": 1, "d": "low" } ] }"""));
        var infer = await host.Client.PostAsync(Infer, TestLocalHost.Json(X("FP32", "[1,4]", "[1,2,3,4]")));
        var metadata = await host.Client.GetAsync("/v2/models/mixed");
        var models = await host.Client.GetFromJsonAsync<JsonElement>("/api/models");
        Assert.Equal(HttpStatusCode.OK, predict.StatusCode);
        Assert.Equal(HttpStatusCode.OK, infer.StatusCode);
        Assert.Equal(HttpStatusCode.OK, metadata.StatusCode);
        Assert.Equal(3, models.GetProperty("models").GetArrayLength());
        Assert.Equal(1, models.GetProperty("models").EnumerateArray().Single(m => m.GetProperty("name").GetString() == "xgb").GetProperty("versions").GetInt32());
        Assert.Equal(2, await host.RegisterAsync("xgb", TestLocalHost.Xgb));
    }
}
