using Microsoft.Playwright;
using Serverless.LocalHost.Tests.Monitoring;
using Serverless.Testing;

namespace Serverless.LocalHost.Tests.Dashboard;

/// <summary>
/// The dashboard in headless Chromium (Playwright) against the local host on Kestrel and Azurite, with the seeded sample
/// model: it loads without console errors, shows the model and its deployment, and its charts move after predictions.
/// A screenshot is kept in tests/LocalHost.Tests/TestResults/dashboard.png (CI uploads that folder).
/// </summary>
public class DashboardPageTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private const string RequestsChart = "#chart-churn-v1-requests";

    private static Task<string> ChartImageAsync(IPage page, string chart) =>
        page.EvaluateAsync<string>($"() => document.querySelector('{chart} canvas').toDataURL()");

    private static async Task<double> ChartSumAsync(IPage page, string chart) =>
        double.Parse(await page.GetAttributeAsync(chart, "data-sum") ?? "0", System.Globalization.CultureInfo.InvariantCulture);

    private static async Task PredictAsync(HttpClient client, string prefix, int requests)
    {
        for (var i = 0; i < requests; i++)
        {
            await ChurnRecords.PredictAsync(client, $"{prefix}-{i}", ChurnRecords.Body(10, seed: i * 10));
        }
    }

    [Fact]
    public async Task Dashboard_SampleModel_LoadsCleanShowsDeploymentAndChartsChangeAfterPredictions()
    {
        using var host = TestLocalHost.OnLoopback(azurite, ("LocalHost:SeedSampleModel", "true"), ("Monitoring:FlushInterval", "00:00:01"),
            ("Monitoring:Review:Table", AzuriteFixture.UniqueName("review")));
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = SystemChromium.Path, Headless = true, Args = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"],
        });
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1400, Height = 1100 } });
        var errors = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                errors.Add(message.Text);
            }
        };
        page.PageError += (_, error) => errors.Add(error);
        page.RequestFailed += (_, request) => errors.Add($"{request.Method} {request.Url}: {request.Failure}");

        var response = await page.GotoAsync(new Uri(host.Client.BaseAddress!, "/?refresh=1").ToString());
        Assert.Equal(200, response!.Status);
        var card = page.Locator("#model-churn");
        await card.WaitForAsync(new LocatorWaitForOptions { Timeout = 60_000 });
        var facts = await card.Locator(".facts").InnerTextAsync();
        Assert.Contains("champion: v1", facts);
        Assert.Contains("weights: v1 100%", facts);
        Assert.Contains("automation: full", facts);
        Assert.Contains("review queue: 0", facts);
        Assert.Equal("Running workflows", await page.Locator("section h2").First.InnerTextAsync());

        // First traffic: the version's charts appear.
        await PredictAsync(host.Client, "first", 3);
        await page.WaitForFunctionAsync($"() => Number(document.querySelector('{RequestsChart}')?.dataset.sum) >= 3", null,
            new PageWaitForFunctionOptions { Timeout = 60_000, PollingInterval = 200 });
        var sumBefore = await ChartSumAsync(page, RequestsChart);
        var imageBefore = await ChartImageAsync(page, RequestsChart);
        var scoresBefore = await ChartSumAsync(page, "#chart-churn-v1-scores");

        // More traffic: the same charts redraw with it.
        await PredictAsync(host.Client, "second", 6);
        await page.WaitForFunctionAsync($"() => Number(document.querySelector('{RequestsChart}').dataset.sum) >= {sumBefore + 6}", null,
            new PageWaitForFunctionOptions { Timeout = 60_000, PollingInterval = 200 });
        await page.WaitForFunctionAsync($"() => Number(document.querySelector('#chart-churn-v1-scores').dataset.sum) >= {scoresBefore + 60}", null,
            new PageWaitForFunctionOptions { Timeout = 60_000, PollingInterval = 200 });

        Assert.NotEqual(imageBefore, await ChartImageAsync(page, RequestsChart));
        Assert.Equal(scoresBefore + 60, await ChartSumAsync(page, "#chart-churn-v1-scores"));
        foreach (var chart in new[] { "requests", "latency", "errors", "scores", "drift" })
        {
            Assert.Equal(1, await page.Locator($"#chart-churn-v1-{chart} canvas").CountAsync());
        }

        var screenshot = Path.Combine(RepositoryPaths.Root, "tests", "LocalHost.Tests", "TestResults", "dashboard.png");
        Directory.CreateDirectory(Path.GetDirectoryName(screenshot)!);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = screenshot, FullPage = true });
        Assert.True(new FileInfo(screenshot).Length > 10_000);
        Assert.True(errors.Count == 0, string.Join("\n", errors));
    }
}
