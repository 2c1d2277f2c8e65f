using System.Collections.Concurrent;

namespace Serverless.LocalHost.Tests.Rollout;

/// <summary>A bounded closed-loop load: a few workers predicting back to back until stopped; results in completion order.</summary>
internal sealed class LoadGenerator : IDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentQueue<RoutedPrediction> _results = new();
    private readonly Task[] _workers;

    public LoadGenerator(HttpClient client, int workers) =>
        _workers = [.. Enumerable.Range(0, workers).Select(_ => Task.Run(async () =>
        {
            while (!_stop.IsCancellationRequested)
            {
                _results.Enqueue(await RoutedPrediction.SendAsync(client));
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
