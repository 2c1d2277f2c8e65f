using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Azure.Storage.Blobs;
using Serverless.Testing;

namespace Serverless.LocalHost.Tests.Monitoring;

/// <summary>Predictions over HTTP, logged to real Azurite, joined with labels from the feedback route, read back as live accuracy.</summary>
public class FeedbackApiTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private static string Record(int tenure, double charges, int calls) =>
        $$"""{"tenure_months":{{tenure}},"monthly_charges":{{charges}},"total_charges":{{tenure * charges}},"support_calls":{{calls}},"age":40,"contract":"month-to-month","payment_method":"electronic-check","internet_service":"fiber","paperless_billing":"yes"}""";

    private TestLocalHost SampleHost(out string container)
    {
        container = AzuriteFixture.UniqueName("feedback");
        return new TestLocalHost(azurite,
            ("LocalHost:SeedSampleModel", "true"),
            ("Monitoring:PredictionLog:Table", AzuriteFixture.UniqueName("log")),
            ("Monitoring:PredictionLog:SampleRate", "1"),
            ("Monitoring:Feedback:Table", AzuriteFixture.UniqueName("feedback")),
            ("Monitoring:Feedback:Container", container));
    }

    private static async Task<(string Label, double Score)> PredictAsync(TestLocalHost host, string requestId, string record)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/models/churn/predict") { Content = TestLocalHost.Json($$"""{ "records": [ {{record}} ] }""") };
        request.Headers.Add("x-request-id", requestId);
        var response = await host.Client.SendAsync(request);
        response.EnsureSuccessStatusCode();
        var prediction = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("predictions")[0];
        return (prediction.GetProperty("label").GetString()!, prediction.GetProperty("probabilities").EnumerateObject().Last().Value.GetDouble());
    }

    /// <summary>Posts until every label matched: the log is written off the response path, a moment after the prediction.</summary>
    private static Task<JsonElement> PostUntilMatchedAsync(TestLocalHost host, string body, int expected) =>
        PostUntilAsync(host, body, r => r.GetProperty("matched").GetInt32() == expected);

    private static async Task<JsonElement> PostUntilAsync(TestLocalHost host, string body, Func<JsonElement, bool> done)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            var response = await host.Client.PostAsync("/api/models/churn/feedback", TestLocalHost.Json(body));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var result = await response.Content.ReadFromJsonAsync<JsonElement>();
            if (done(result) || DateTime.UtcNow > deadline)
            {
                return result;
            }

            await Task.Delay(200);
        }
    }

    [Fact]
    public async Task Feedback_LabelsForLoggedPredictions_GivesLiveAccuracyPerVersion()
    {
        using var host = SampleHost(out var container);
        var classes = (await host.Client.GetFromJsonAsync<JsonElement>("/api/models/churn/versions/1")).GetProperty("classLabels")
            .EnumerateArray().Select(c => c.GetString()!).ToArray();
        var predicted = new List<(string Id, string Label)>();
        for (var i = 0; i < 20; i++)
        {
            var id = $"fb-{i}";
            predicted.Add((id, (await PredictAsync(host, id, Record(1 + (i * 7 % 70), 20 + (i * 13 % 100), i % 6))).Label));
        }

        // 15 true labels agree with the prediction, 5 do not: accuracy 0.75.
        string Other(string label) => label == classes[0] ? classes[1] : classes[0];
        var labels = predicted.Select((p, i) => new { requestId = p.Id, label = i < 15 ? p.Label : Other(p.Label) }).ToList();
        var result = await PostUntilMatchedAsync(host, JsonSerializer.Serialize(new { labels }), 20);

        Assert.Equal((20, 20, 0, 0), (result.GetProperty("received").GetInt32(), result.GetProperty("matched").GetInt32(),
            result.GetProperty("unmatched").GetInt32(), result.GetProperty("rejected").GetInt32()));
        var report = await host.Client.GetFromJsonAsync<JsonElement>("/api/models/churn/accuracy");
        var group = Assert.Single(report.GetProperty("groups").EnumerateArray());
        Assert.Equal(1, group.GetProperty("version").GetInt32());
        var total = group.GetProperty("total");
        Assert.Equal(20, total.GetProperty("samples").GetInt32());
        Assert.Equal(0.75, total.GetProperty("accuracy").GetDouble(), 9);
        Assert.Equal(classes[1], total.GetProperty("positiveClass").GetString());
        Assert.True(total.TryGetProperty("precision", out _) || total.TryGetProperty("recall", out _));
        Assert.Equal(20, group.GetProperty("windows").EnumerateArray().Sum(w => w.GetProperty("metrics").GetProperty("samples").GetInt32()));

        // Bulk: a JSON-lines file flips the first five to the other class; accuracy drops to 10/20.
        var blob = new BlobContainerClient(host.ConnectionString, container);
        await blob.CreateIfNotExistsAsync();
        var lines = string.Join("\n", predicted.Take(5).Select(p => JsonSerializer.Serialize(new { requestId = p.Id, index = 0, label = Other(p.Label) })));
        await blob.UploadBlobAsync("flips.jsonl", BinaryData.FromString(lines));
        var bulk = await PostUntilMatchedAsync(host, """{ "blob": "flips.jsonl" }""", 5);
        Assert.Equal(5, bulk.GetProperty("matched").GetInt32());

        var after = await host.Client.GetFromJsonAsync<JsonElement>("/api/models/churn/accuracy?version=1&interval=00:10:00");
        var afterTotal = Assert.Single(after.GetProperty("groups").EnumerateArray()).GetProperty("total");
        Assert.Equal(20, afterTotal.GetProperty("samples").GetInt32());
        Assert.Equal(0.5, afterTotal.GetProperty("accuracy").GetDouble(), 9);
    }

    [Fact]
    public async Task Feedback_UnloggedAndWrongLabels_ReportedNotStored()
    {
        using var host = SampleHost(out _);
        await PredictAsync(host, "known", Record(10, 50, 1));

        var result = await PostUntilAsync(host, """{ "labels": [ { "requestId": "known", "label": "not-a-class" }, { "requestId": "never-seen", "label": "1" } ] }""",
            r => r.GetProperty("rejected").GetInt32() == 1);

        Assert.Equal((0, 1, 1), (result.GetProperty("matched").GetInt32(), result.GetProperty("rejected").GetInt32(), result.GetProperty("unmatched").GetInt32()));
        Assert.Equal("never-seen", Assert.Single(result.GetProperty("unmatchedIds").EnumerateArray()).GetString());
        var report = await host.Client.GetFromJsonAsync<JsonElement>("/api/models/churn/accuracy");
        Assert.Empty(report.GetProperty("groups").EnumerateArray());
    }

    [Theory]
    [InlineData("{ }", HttpStatusCode.BadRequest)]
    [InlineData("[]", HttpStatusCode.BadRequest)]
    [InlineData("not json", HttpStatusCode.BadRequest)]
    [InlineData("""{ "labels": [] }""", HttpStatusCode.BadRequest)]
    [InlineData("""{ "labels": [ { "requestId": "a" } ] }""", HttpStatusCode.BadRequest)]
    [InlineData("""{ "labels": [ { "requestId": "a", "index": -1, "label": "1" } ] }""", HttpStatusCode.BadRequest)]
    [InlineData("""{ "labels": [ { "requestId": "a", "label": "1" } ], "blob": "x.jsonl" }""", HttpStatusCode.BadRequest)]
    [InlineData("""{ "blob": "../other/x.jsonl" }""", HttpStatusCode.BadRequest)]
    [InlineData("""{ "blob": "missing.jsonl" }""", HttpStatusCode.NotFound)]
    public async Task Feedback_BadBody_AnswersErrorAndStoresNothing(string body, HttpStatusCode status)
    {
        using var host = new TestLocalHost(azurite);

        var response = await host.Client.PostAsync("/api/models/churn/feedback", TestLocalHost.Json(body));

        Assert.Equal(status, response.StatusCode);
        Assert.False(string.IsNullOrEmpty((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString()));
    }

    [Fact]
    public async Task Feedback_OversizedNotJsonUnknownOrNoKey_413_415_404_401()
    {
        using var host = new TestLocalHost(azurite);
        var big = "{ \"labels\": [" + string.Join(",", Enumerable.Repeat("""{ "requestId": "a", "label": "1" }""", 40_000)) + "] }";

        var tooLarge = await host.Client.PostAsync("/api/models/churn/feedback", TestLocalHost.Json(big));
        var notJson = await host.Client.PostAsync("/api/models/churn/feedback", new StringContent("requestId,label", System.Text.Encoding.UTF8, "text/csv"));
        var unknown = await host.Client.PostAsync("/api/models/nosuchmodel/feedback", TestLocalHost.Json("""{ "labels": [ { "requestId": "a", "label": "1" } ] }"""));
        using var anonymous = host.CreateClient(withKey: false);
        var noKey = await anonymous.PostAsync("/api/models/churn/feedback", TestLocalHost.Json("""{ "labels": [ { "requestId": "a", "label": "1" } ] }"""));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, tooLarge.StatusCode);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, notJson.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, noKey.StatusCode);
    }

    [Theory]
    [InlineData("/api/models/churn/accuracy?interval=00:00:10")]
    [InlineData("/api/models/churn/accuracy?interval=soon")]
    [InlineData("/api/models/churn/accuracy?from=2026-10-01T00:00:00Z&to=2026-12-01T00:00:00Z")]
    [InlineData("/api/models/churn/accuracy?version=x")]
    public async Task Accuracy_BadQuery_400(string url)
    {
        using var host = new TestLocalHost(azurite);

        var response = await host.Client.GetAsync(url);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }
}
