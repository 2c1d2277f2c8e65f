using System.Collections.Concurrent;
using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using Serverless.Core.Models;
using Serverless.Core.Scoring;
using Serverless.Core.Tests.Scoring.TestModels;

namespace Serverless.Core.Tests.Scoring;

public sealed class ShadowScorerTests : IDisposable
{
    private static readonly byte[] Body = Encoding.UTF8.GetBytes("""{ "records": [ { "a": 1, "b": 2, "c": 3, "d": "high" }, { "a": 4, "d": "low" } ] }""");

    private readonly OnnxScoringModel _champion = Model(1);
    private readonly OnnxScoringModel _shadow = Model(2);
    private readonly Observer _observer = new();

    public void Dispose()
    {
        _champion.Dispose();
        _shadow.Dispose();
    }

    [Fact]
    public async Task TryEnqueue_Running_ScoresTheCopyWithTheShadowAndRecordsTheComparison()
    {
        var scorer = new ShadowScorer(new RecordScorer(10, _observer), _observer, NullLogger<ShadowScorer>.Instance);
        await scorer.StartAsync(CancellationToken.None);
        var served = Served();

        Assert.True(scorer.TryEnqueue(_champion, served, _shadow, Body));
        await WaitAsync(() => scorer.Scored == 1);
        await scorer.StopAsync(CancellationToken.None);

        var (serving, version, comparison) = Assert.Single(_observer.Shadows);
        Assert.Equal((1, 2, new ShadowComparison(2, 2, 0)), (serving.Version, version, comparison)); // Same network: agrees.
        Assert.Equal((2, ScoringEndpoints.Shadow, 2), Assert.Single(_observer.Scored)); // The shadow's own traffic.
    }

    [Fact]
    public void TryEnqueue_QueueFull_DropsWithoutBlockingAndCountsTheDrop()
    {
        var scorer = new ShadowScorer(new RecordScorer(10, _observer), _observer, NullLogger<ShadowScorer>.Instance); // Not started: nothing drains.
        var served = Served();

        var accepted = Enumerable.Range(0, ShadowScorer.Capacity + 5).Count(_ => scorer.TryEnqueue(_champion, served, _shadow, Body));

        Assert.Equal(ShadowScorer.Capacity, accepted);
        Assert.Equal(5, _observer.Dropped.Count);
        Assert.All(_observer.Dropped, d => Assert.Equal((1, 2), d));
    }

    [Fact]
    public async Task TryEnqueue_ShadowDisposed_LogsAndKeepsScoringLaterCopies()
    {
        var scorer = new ShadowScorer(new RecordScorer(10, _observer), _observer, NullLogger<ShadowScorer>.Instance);
        await scorer.StartAsync(CancellationToken.None);
        var retired = Model(3);
        retired.Dispose();

        scorer.TryEnqueue(_champion, Served(), retired, Body);
        scorer.TryEnqueue(_champion, Served(), _shadow, Body);
        await WaitAsync(() => scorer.Scored == 1);
        await scorer.StopAsync(CancellationToken.None);

        Assert.Equal(2, Assert.Single(_observer.Shadows).Version);
    }

    private TabularPredictions Served()
    {
        Assert.True(new RecordScorer(10).TryPredict(_champion, Body, default, ScoringEndpoints.Records, out var predictions, out var error), error);
        return predictions;
    }

    private static OnnxScoringModel Model(int version) =>
        new(TestManifests.For("xgb", version, TestManifests.Xgb, ModelTask.Regression, TestManifests.XgbSchema()), TestManifests.Xgb);

    private static async Task WaitAsync(Func<bool> done)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (!done())
        {
            await Task.Delay(10, timeout.Token);
        }
    }

    private sealed class Observer : IScoringObserver
    {
        public ConcurrentQueue<(ModelManifest Serving, int Version, ShadowComparison Comparison)> Shadows { get; } = new();

        public ConcurrentQueue<(int Version, string Endpoint, int Rows)> Scored { get; } = new();

        public ConcurrentQueue<(int Serving, int Shadow)> Dropped { get; } = new();

        public void RecordScored(ModelManifest manifest, string endpoint, ReadOnlySpan<float> features, int rows, TabularPredictions? predictions,
            in ScoringTimings timings, in ScoringCall call = default) => Scored.Enqueue((manifest.Version, endpoint, rows));

        public void RecordFailed(ModelManifest? manifest, string endpoint, string errorKind, in ScoringTimings timings, string? feature = null)
        {
        }

        public void RecordShadow(ModelManifest serving, int shadowVersion, in ShadowComparison comparison) => Shadows.Enqueue((serving, shadowVersion, comparison));

        public void RecordShadowDropped(ModelManifest serving, int shadowVersion) => Dropped.Enqueue((serving.Version, shadowVersion));
    }
}
