using System.Collections.Concurrent;

namespace Serverless.LocalHost.Tests.Rollout;

/// <summary>A bounded closed-loop load: a few workers predicting back to back until stopped; results in completion order.</summary>
internal sealed class LoadGenerator : IDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentQueue<RoutedPrediction> _results = new();
    private readonly Task[] _workers;

    /// <param name="model">The model predicted; with <paramref name="body"/> its records (default: the xgb test model's).</param>
    public LoadGenerator(HttpClient client, int workers, string model = "xgb", string? body = null) =>
        _workers = [.. Enumerable.Range(0, workers).Select(_ => Task.Run(async () =>
        {
            while (!_stop.IsCancellationRequested)
            {
                _results.Enqueue(await RoutedPrediction.SendAsync(client, model, body: body));
            }
        }))];

    /// <summary>How many results have completed so far.</summary>
    public int Mark() => _results.Count;

    public async Task<List<RoutedPrediction>> StopAsync()
    {
        _stop.Cancel();
        await Task.WhenAll(_workers);
        return [.. _results];
    }

    public void Dispose() => _stop.Dispose();
}
