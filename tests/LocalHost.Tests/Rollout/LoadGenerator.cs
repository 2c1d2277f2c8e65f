using System.Collections.Concurrent;

namespace Serverless.LocalHost.Tests.Rollout;

/// <summary>
/// A bounded closed-loop load: a few workers predicting back to back until stopped, or until <see cref="MaxRequests"/>
/// requests were sent or <see cref="MaxDuration"/> has passed, whichever comes first (a test that forgets to stop it,
/// or hangs, never floods the host); results in completion order.
/// </summary>
internal sealed class LoadGenerator : IDisposable
{
    public const int MaxRequests = 100_000;
    public static readonly TimeSpan MaxDuration = TimeSpan.FromMinutes(5);

    private readonly CancellationTokenSource _stop = new(MaxDuration);
    private readonly ConcurrentQueue<RoutedPrediction> _results = new();
    private readonly Task[] _workers;
    private int _sent;

    /// <param name="model">The model predicted; with <paramref name="body"/> its records (default: the xgb test model's).</param>
    public LoadGenerator(HttpClient client, int workers, string model = "xgb", string? body = null) =>
        _workers = [.. Enumerable.Range(0, workers).Select(_ => Task.Run(async () =>
        {
            while (!_stop.IsCancellationRequested && Interlocked.Increment(ref _sent) <= MaxRequests)
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
