using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Serverless.Testing;

namespace Serverless.LocalHost.Tests.Monitoring;

/// <summary>
/// The review queue over HTTP on Azurite: partial automation queues what it is not sure of, the queue pages, and a
/// reviewer's label (review route or feedback) becomes live accuracy and leaves the queue.
/// </summary>
public class ReviewApiTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    /// <summary>Every queued (request id, index), paging <paramref name="limit"/> at a time; asserts the pages' sizes.</summary>
    private static async Task<List<JsonElement>> ReadQueueAsync(HttpClient client, int limit)
    {
        var items = new List<JsonElement>();
        string? continuation = null;
        for (var pages = 0; pages < 100; pages++)
        {
            var url = $"/api/models/churn/review?limit={limit}" + (continuation is null ? "" : $"&continuation={Uri.EscapeDataString(continuation)}");
            var page = await client.GetFromJsonAsync<JsonElement>(url);
            var values = page.GetProperty("items").EnumerateArray().ToList();
            Assert.InRange(values.Count, 0, limit);
            items.AddRange(values);
            continuation = page.TryGetProperty("continuation", out var next) && next.ValueKind == JsonValueKind.String ? next.GetString() : null;
            if (continuation is null)
            {
                return items;
            }
        }

        throw new InvalidOperationException("The queue did not end in 100 pages.");
    }

    /// <summary>
    /// Reads the queue until it holds <paramref name="expected"/> items of request ids starting with <paramref name="prefix"/>
    /// (the writer queues them off the response path); returns those.
    /// </summary>
    private static async Task<List<JsonElement>> QueueOfAsync(HttpClient client, string prefix, int expected, int limit = 100)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            var items = (await ReadQueueAsync(client, limit)).Where(i => i.GetProperty("requestId").GetString()!.StartsWith(prefix, StringComparison.Ordinal)).ToList();
            if (items.Count >= expected || DateTime.UtcNow > deadline)
            {
                return items;
            }

            await Task.Delay(200);
        }
    }

    private static (string Id, int Index) KeyOf(JsonElement item) => (item.GetProperty("requestId").GetString()!, item.GetProperty("index").GetInt32());

    [Fact]
    public async Task Partial_BelowThreshold_QueuedPagedAndReviewLabelsBecomeAccuracy()
    {
        using var host = new TestLocalHost(azurite, AutomationApiTests.Settings());
        var body = ChurnRecords.Body(12);
        var confidences = (await ChurnRecords.PredictAsync(host.Client, "probe", body)).GetProperty("predictions").EnumerateArray()
            .Select(p => p.GetProperty("probabilities").EnumerateObject().Max(c => c.Value.GetDouble())).Order().ToList();
        var threshold = Math.Round((confidences[3] + confidences[4]) / 2, 6); // at least 4 of 12 records fall below
        Assert.True(confidences[3] < threshold && threshold < confidences[^1], string.Join(", ", confidences));

        await AutomationApiTests.SetLevelAsync(host.Client, $$"""{ "level": "partial", "threshold": {{threshold}} }""");
        await AutomationApiTests.PredictAtLevelAsync(host.Client, "partial", ChurnRecords.Body(1, seed: 500)); // only once the level is served
        var flagged = new List<(string Id, int Index)>();
        for (var request = 0; request < 3; request++)
        {
            var response = await ChurnRecords.PredictAsync(host.Client, $"p-{request}", body);
            var rows = response.GetProperty("predictions").EnumerateArray().ToList();
            Assert.All(rows, p => Assert.Equal(p.GetProperty("confidence").GetDouble() < threshold, p.GetProperty("needs_review").GetBoolean()));
            flagged.AddRange(rows.Select((p, i) => (p, i)).Where(x => x.p.GetProperty("needs_review").GetBoolean()).Select(x => ($"p-{request}", x.i)));
        }

        Assert.True(flagged.Count >= 12, $"{flagged.Count} flagged");
        var queue = await QueueOfAsync(host.Client, "p-", flagged.Count, limit: 5);
        Assert.Equal(flagged.Order(), queue.Select(KeyOf).Order());
        var first = queue[0];
        Assert.Equal("partial", first.GetProperty("level").GetString());
        Assert.True(first.GetProperty("confidence").GetDouble() < threshold);
        Assert.Equal(JsonValueKind.Number, first.GetProperty("record").GetProperty("monthly_charges").ValueKind);
        Assert.Equal("month-to-month", first.GetProperty("record").GetProperty("contract").GetString());
        var counted = await host.Client.GetFromJsonAsync<JsonElement>("/api/models/churn/review?count=true&limit=1");
        var all = (await ReadQueueAsync(host.Client, 100)).Count; // with the uncertain records of the requests that waited for the level
        Assert.Equal(all, counted.GetProperty("pending").GetInt32());
        Assert.Single(counted.GetProperty("items").EnumerateArray());

        // A reviewer labels the first item through the review route, another through plain feedback: both count, both leave.
        var (id, index) = KeyOf(first);
        var truth = first.GetProperty("label").GetString()!;
        var label = await host.Client.PostAsync($"/api/models/churn/review/{id}", TestLocalHost.Json($$"""{ "label": "{{truth}}", "index": {{index}} }"""));
        Assert.Equal(HttpStatusCode.OK, label.StatusCode);
        Assert.Equal(1, (await label.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("matched").GetInt32());
        var (otherId, otherIndex) = KeyOf(queue[1]);
        var feedback = await host.Client.PostAsync("/api/models/churn/feedback",
            TestLocalHost.Json($$"""{ "labels": [ { "requestId": "{{otherId}}", "index": {{otherIndex}}, "label": "{{truth}}" } ] }"""));
        Assert.Equal(1, (await feedback.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("matched").GetInt32());

        var after = (await ReadQueueAsync(host.Client, 100)).Select(KeyOf).ToList();
        Assert.DoesNotContain((id, index), after);
        Assert.DoesNotContain((otherId, otherIndex), after);
        Assert.Equal(all - 2, after.Count);
        var accuracy = await host.Client.GetFromJsonAsync<JsonElement>("/api/models/churn/accuracy");
        var total = Assert.Single(accuracy.GetProperty("groups").EnumerateArray()).GetProperty("total");
        Assert.Equal(2, total.GetProperty("samples").GetInt32());

        // Labelled once: a second review of it is refused, and changes nothing.
        var again = await host.Client.PostAsync($"/api/models/churn/review/{id}", TestLocalHost.Json($$"""{ "label": "{{truth}}", "index": {{index}} }"""));
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
    }

    [Fact]
    public async Task Human_EveryRecordQueued_WrongLabelRefusedAndKept()
    {
        using var host = new TestLocalHost(azurite, AutomationApiTests.Settings());
        await AutomationApiTests.SetLevelAsync(host.Client, """{ "level": "human" }""");
        await AutomationApiTests.PredictAtLevelAsync(host.Client, "human", ChurnRecords.Body(1, seed: 900));

        var response = await ChurnRecords.PredictAsync(host.Client, "h-1", ChurnRecords.Body(4));
        var queue = await QueueOfAsync(host.Client, "h-1", 4);

        Assert.Equal(4, response.GetProperty("records").GetInt32());
        Assert.Equal([0, 1, 2, 3], queue.Select(i => i.GetProperty("index").GetInt32()).Order());
        Assert.All(queue, i => Assert.Equal("human", i.GetProperty("level").GetString()));
        var wrong = await host.Client.PostAsync("/api/models/churn/review/h-1", TestLocalHost.Json("""{ "label": "maybe", "index": 2 }"""));
        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        Assert.Contains("not a class", (await wrong.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString());
        Assert.Contains(("h-1", 2), (await ReadQueueAsync(host.Client, 100)).Select(KeyOf));
    }

    [Theory]
    [InlineData("/api/models/churn/review?limit=0", HttpStatusCode.BadRequest)]
    [InlineData("/api/models/churn/review?limit=101", HttpStatusCode.BadRequest)]
    [InlineData("/api/models/churn/review?count=maybe", HttpStatusCode.BadRequest)]
    [InlineData("/api/models/churn/review?continuation=%25%25%25", HttpStatusCode.BadRequest)]
    [InlineData("/api/models/nope/review", HttpStatusCode.NotFound)]
    public async Task ListReview_BadParameterOrUnknownModel_4xx(string url, HttpStatusCode status)
    {
        using var host = new TestLocalHost(azurite, AutomationApiTests.Settings());

        var response = await host.Client.GetAsync(url);

        Assert.Equal(status, response.StatusCode);
        Assert.True((await response.Content.ReadFromJsonAsync<JsonElement>()).TryGetProperty("error", out _));
    }

    [Theory]
    [InlineData("""{ "index": 0 }""", HttpStatusCode.BadRequest)]
    [InlineData("""{ "label": "1", "index": -1 }""", HttpStatusCode.BadRequest)]
    [InlineData("""{ "label": "1" }""", HttpStatusCode.NotFound)]
    public async Task LabelReview_BadBodyOrNotQueued_4xx(string body, HttpStatusCode status)
    {
        using var host = new TestLocalHost(azurite, AutomationApiTests.Settings());

        var response = await host.Client.PostAsync("/api/models/churn/review/never-queued", TestLocalHost.Json(body));

        Assert.Equal(status, response.StatusCode);
    }
}
