using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Serverless.Core.Monitoring;
using Serverless.Testing;

namespace Serverless.LocalHost.Tests.Monitoring;

/// <summary>Predictions through HTTP, windows flushed to real Azurite tables, read back through the stats endpoint.</summary>
public class StatsApiTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private static string Record(int tenure, double charges, string contract = "month-to-month") =>
        $$"""{"tenure_months":{{tenure}},"monthly_charges":{{charges}},"total_charges":{{tenure * charges}},"support_calls":1,"age":40,"contract":"{{contract}}","payment_method":"electronic-check","internet_service":"fiber","paperless_billing":"yes"}""";

    private TestLocalHost SampleHost() => new(azurite,
        ("LocalHost:SeedSampleModel", "true"),
        ("Monitoring:WindowTable", AzuriteFixture.UniqueName("windows")),
        ("Monitoring:FlushInterval", "00:10:00")); // the test flushes itself

    [Fact]
    public async Task Stats_ShiftedPredictions_CountsEverythingAndShowsDrift()
    {
        using var host = SampleHost();
        // 150 records, all far outside training: monthly charges of 1000 and 100 months of tenure.
        for (var request = 0; request < 3; request++)
        {
            var records = string.Join(",", Enumerable.Range(0, 50).Select(_ => Record(100, 1000)));
            (await host.Client.PostAsync("/api/models/churn/predict", TestLocalHost.Json($$"""{ "records": [ {{records}} ] }"""))).EnsureSuccessStatusCode();
        }

        var unseen = await host.Client.PostAsync("/api/models/churn/predict", TestLocalHost.Json($$"""{ "records": [ {{Record(1, 50, "weekly")}} ] }"""));
        Assert.Equal(HttpStatusCode.BadRequest, unseen.StatusCode);
        await host.Services.GetRequiredService<WindowFlusher>().FlushAsync();

        var stats = await host.Client.GetFromJsonAsync<JsonElement>("/api/models/churn/stats");

        var version = Assert.Single(stats.GetProperty("versions").EnumerateArray());
        Assert.Equal(1, version.GetProperty("version").GetInt32());
        var summary = version.GetProperty("summary");
        Assert.Equal(4, summary.GetProperty("requests").GetInt64());
        Assert.Equal(150, summary.GetProperty("records").GetInt64());
        Assert.Equal(1, summary.GetProperty("errors").GetInt64());
        Assert.True(summary.GetProperty("latencyP99Ms").GetDouble() > 0);
        var total = version.GetProperty("total");
        Assert.Equal(1, total.GetProperty("errors").GetProperty("unseen_category").GetInt64());
        Assert.Equal(1, total.GetProperty("unseenCategories").GetProperty("contract").GetInt64());
        Assert.Equal(150, total.GetProperty("features").GetProperty("monthly_charges").GetProperty("aboveRange").GetInt64());
        var drift = version.GetProperty("drift");
        Assert.Equal("act", drift.GetProperty("level").GetString());
        var charges = drift.GetProperty("features").EnumerateArray().Single(f => f.GetProperty("name").GetString() == "monthly_charges");
        Assert.True(charges.GetProperty("psi").GetDouble() > 0.25, charges.ToString());
        Assert.Equal("act", charges.GetProperty("level").GetString());
        Assert.Single(version.GetProperty("minutes").EnumerateArray());
    }

    [Theory]
    [InlineData("/api/models/churn/stats?from=yesterday", HttpStatusCode.BadRequest)]
    [InlineData("/api/models/churn/stats?from=2026-12-01T10:00:00Z&to=2026-12-01T09:00:00Z", HttpStatusCode.BadRequest)]
    [InlineData("/api/models/churn/stats?from=2026-11-01T00:00:00Z&to=2026-12-01T00:00:00Z", HttpStatusCode.BadRequest)]
    [InlineData("/api/models/churn/stats?version=0", HttpStatusCode.BadRequest)]
    [InlineData("/api/models/Bad%20Name/stats", HttpStatusCode.BadRequest)]
    [InlineData("/api/models/nosuchmodel/stats", HttpStatusCode.NotFound)]
    public async Task Stats_BadRequest_AnswersErrorAndNothingElse(string url, HttpStatusCode status)
    {
        using var host = new TestLocalHost(azurite);

        var response = await host.Client.GetAsync(url);

        Assert.Equal(status, response.StatusCode);
        Assert.False(string.IsNullOrEmpty((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString()));
    }
}
