using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace Serverless.Bench;

/// <summary>
/// An open-loop load generator: POSTs one body at a fixed rate, whatever the server does, and measures each request's
/// latency from the moment it was due (not from when it was sent), so a stalled server shows up in the tail instead
/// of slowing the generator down (no coordinated omission). Prints one line: <c>sent ok p50 p99 p999 (ms)</c>.
/// </summary>
internal static class OpenLoop
{
    public static async Task<int> RunAsync(string url, string bodyFile, double rate, double seconds)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(rate);
        var body = Encoding.UTF8.GetBytes(await File.ReadAllTextAsync(bodyFile));
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 512, PooledConnectionLifetime = Timeout.InfiniteTimeSpan })
        {
            Timeout = TimeSpan.FromSeconds(30),
        };
        var total = (long)(rate * seconds);
        var latencies = new double[total];
        var ok = 0;
        var pending = new List<Task>((int)Math.Min(total, 1 << 20));
        var start = Stopwatch.GetTimestamp();
        for (long sent = 0; sent < total;)
        {
            var due = (long)(Stopwatch.Frequency * (sent / rate));
            if (Stopwatch.GetTimestamp() - start < due)
            {
                await Task.Delay(1);
                continue;
            }

            // Everything due by now goes out now; each request is timed from its own due time.
            while (sent < total && Stopwatch.GetTimestamp() - start >= (long)(Stopwatch.Frequency * (sent / rate)))
            {
                var index = sent;
                var dueAt = start + (long)(Stopwatch.Frequency * (index / rate));
                pending.Add(SendAsync(http, url, body, dueAt, index, latencies, () => Interlocked.Increment(ref ok)));
                sent++;
            }
        }

        await Task.WhenAll(pending);
        Array.Sort(latencies);
        string P(double q) => latencies[Math.Min(latencies.Length - 1, (int)(q * latencies.Length))].ToString("0.000", CultureInfo.InvariantCulture);
        Console.WriteLine($"sent {total} ok {ok} p50 {P(0.50)} p99 {P(0.99)} p999 {P(0.999)} ms");
        return ok == total ? 0 : 1;
    }

    private static async Task SendAsync(HttpClient http, string url, byte[] body, long dueAt, long index, double[] latencies, Action succeeded)
    {
        try
        {
            using var content = new ByteArrayContent(body);
            content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
            using var response = await http.PostAsync(url, content);
            await response.Content.ReadAsByteArrayAsync();
            if (response.IsSuccessStatusCode)
            {
                succeeded();
            }
        }
        catch (HttpRequestException)
        {
            // Counted as not ok; its latency still counts below.
        }
        catch (TaskCanceledException)
        {
        }

        latencies[index] = Stopwatch.GetElapsedTime(dueAt).TotalMilliseconds;
    }
}
