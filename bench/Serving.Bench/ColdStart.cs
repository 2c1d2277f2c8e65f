using System.Diagnostics;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Serverless.Testing;

namespace Serverless.Bench;

/// <summary>
/// Cold start: process start to first successful prediction, with the registry already populated.
/// Anchor, same process: process start to the first answer of <c>/v2/health/live</c> (the bare host).
/// </summary>
internal static class ColdStart
{
    public static async Task<int> RunAsync(string hostDll, int iterations)
    {
        var azurite = await Azurite.GetAsync();
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };

        // Populate the registry once: the first start trains and registers the sample model.
        var (url, seeding) = Start(hostDll, azurite.ConnectionString);
        var body = await WaitForModelAsync(http, url, TimeSpan.FromMinutes(3));
        Stop(seeding);

        var live = new List<double>();
        var predict = new List<double>();
        for (var i = 0; i < iterations; i++)
        {
            var clock = Stopwatch.StartNew();
            var (u, process) = Start(hostDll, azurite.ConnectionString);
            await PollAsync(() => http.GetAsync($"{u}/v2/health/live"));
            live.Add(clock.Elapsed.TotalSeconds);
            await PollAsync(() => http.PostAsync($"{u}/api/models/churn/predict", new StringContent(body, Encoding.UTF8, "application/json")));
            predict.Add(clock.Elapsed.TotalSeconds);
            Stop(process);
            Console.WriteLine($"run {i + 1}: first live {SampleRecord.Seconds(live[^1])} s, first prediction {SampleRecord.Seconds(predict[^1])} s");
        }

        double liveMedian = Median(live), predictMedian = Median(predict);
        Console.WriteLine($"cold start (median of {iterations}): first prediction {SampleRecord.Seconds(predictMedian)} s; " +
                          $"anchor first /v2/health/live {SampleRecord.Seconds(liveMedian)} s; ratio {predictMedian / liveMedian:0.00}x; target <= 2 s");
        return 0;
    }

    private static (string Url, Process Process) Start(string hostDll, string connectionString)
    {
        var url = $"http://127.0.0.1:{Azurite.FreePort()}";
        var info = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { hostDll, "--urls", url },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetDirectoryName(hostDll)!,
            Environment =
            {
                ["AzureWebJobsStorage"] = connectionString,
                ["LocalHost__StartAzurite"] = "false",
                ["Logging__LogLevel__Default"] = "Warning",
            },
        };
        var process = Process.Start(info)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return (url, process);
    }

    private static async Task<string> WaitForModelAsync(HttpClient http, string url, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                var response = await http.GetAsync($"{url}/api/models/churn/versions/1");
                if (response.IsSuccessStatusCode)
                {
                    return SampleRecord.PredictBody(await response.Content.ReadFromJsonAsync<JsonElement>());
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(200);
        }

        throw new TimeoutException("The sample model was not registered in time.");
    }

    private static async Task PollAsync(Func<Task<HttpResponseMessage>> request)
    {
        for (var deadline = DateTime.UtcNow.AddSeconds(60); DateTime.UtcNow < deadline; await Task.Delay(5))
        {
            try
            {
                if ((await request()).IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
        }

        throw new TimeoutException("No successful response within 60 s.");
    }

    private static void Stop(Process process)
    {
        process.Kill(entireProcessTree: true);
        process.WaitForExit();
    }

    private static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);
}
