using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using System.Diagnostics.Metrics;
using Serverless.Core.Scoring.OpenInference;
using Serverless.GpuServing.Batching;

namespace Serverless.GpuServing.Tests.Batching;

/// <summary>The queue's cut, grouping, bound, cancellation and drain rules, with an executor that echoes its inputs.</summary>
public sealed class DynamicBatcherTests : IDisposable
{
    private readonly ServiceProvider _services = new ServiceCollection().AddMetrics().BuildServiceProvider();
    private readonly ConcurrentQueue<List<PendingInference>> _batches = new();
    private readonly SemaphoreSlim _release = new(int.MaxValue);

    [Fact]
    public async Task InferAsync_MaxBatchSizeRowsQueued_OneBatchWithoutWaitingTheDelay()
    {
        var batcher = Create(maxBatchSize: 4, maxQueueDelay: TimeSpan.FromMinutes(5));

        var results = await Task.WhenAll(Enumerable.Range(0, 4).Select(i => Infer(batcher, i, key: "a")));

        Assert.Equal([0f, 1f, 2f, 3f], results.Select(r => ((float[])r[0].Data)[0]));
        Assert.Equal(4, Assert.Single(_batches).Count);
    }

    [Fact]
    public async Task InferAsync_RowsOverTheMaximum_CutBeforeTheRequestThatWouldExceedIt()
    {
        _release.Wait();
        var blocked = Create(maxBatchSize: 5, maxQueueDelay: TimeSpan.FromMilliseconds(20));
        var first = Infer(blocked, 0, key: "a", rows: 3);
        await Eventually(() => !_batches.IsEmpty);

        // While the first batch runs: 3 + 3 rows do not fit in 5, so they go out as two batches, oldest first.
        var second = Infer(blocked, 10, key: "a", rows: 3);
        var third = Infer(blocked, 20, key: "a", rows: 3);
        _release.Release();
        await Task.WhenAll(first, second, third);

        Assert.Equal([1, 1, 1], _batches.Select(b => b.Count));
        Assert.Equal([0f, 10f, 20f], _batches.Select(b => ((float[])b[0].Inputs[0].Data)[0]));
    }

    [Fact]
    public async Task InferAsync_DifferentKeys_NeverShareABatch()
    {
        var batcher = Create(maxBatchSize: 64, maxQueueDelay: TimeSpan.FromMilliseconds(100));

        await Task.WhenAll(Enumerable.Range(0, 12).Select(i => Infer(batcher, i, key: i % 3 == 0 ? "a" : i % 3 == 1 ? "b" : null)));

        Assert.All(_batches, b => Assert.Single(b.Select(p => p.Key).Distinct()));
        Assert.All(_batches.Where(b => b[0].Key is null), b => Assert.Single(b));
        Assert.Equal(12, _batches.Sum(b => b.Count));
    }

    [Fact]
    public async Task InferAsync_QueueFull_ThrowsQueueFull()
    {
        var batcher = Create(maxBatchSize: 64, maxQueueDelay: TimeSpan.FromSeconds(1), maxQueued: 2);
        var waiting = new[] { Infer(batcher, 0, "a"), Infer(batcher, 1, "a") };

        var error = Assert.Throws<QueueFullException>(() => { _ = Infer(batcher, 2, "a"); });

        Assert.Contains("2 requests waiting", error.Message);
        await Task.WhenAll(waiting);
    }

    [Fact]
    public async Task InferAsync_CancelledBeforeItsBatch_RemovedAndCancelled()
    {
        var batcher = Create(maxBatchSize: 64, maxQueueDelay: TimeSpan.FromMilliseconds(300));
        using var cancel = new CancellationTokenSource();
        var cancelled = Infer(batcher, 0, "a", token: cancel.Token);
        var kept = Infer(batcher, 1, "a");

        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled);
        Assert.Equal(1f, ((float[])(await kept)[0].Data)[0]);

        Assert.Equal([1f], _batches.SelectMany(b => b).Select(p => ((float[])p.Inputs[0].Data)[0]));
    }

    [Fact]
    public async Task DrainAsync_RequestsQueued_RunAtOnceAndNewOnesRefused()
    {
        var batcher = Create(maxBatchSize: 64, maxQueueDelay: TimeSpan.FromMinutes(5));
        var queued = Enumerable.Range(0, 5).Select(i => Infer(batcher, i, "a")).ToList();

        var drained = batcher.DrainAsync();

        Assert.Throws<BatcherStoppedException>(() => { _ = Infer(batcher, 9, "a"); });
        await drained.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.All(queued, t => Assert.True(t.IsCompletedSuccessfully));
    }

    public void Dispose() => _services.Dispose();

    private DynamicBatcher Create(int maxBatchSize, TimeSpan maxQueueDelay, int maxQueued = 1024) => new(
        "m", 1, Echo, new BatchingOptions { MaxBatchSize = maxBatchSize, MaxQueueDelay = maxQueueDelay, MaxQueuedRequests = maxQueued },
        new BatchingMetrics(_services.GetRequiredService<IMeterFactory>()), TimeProvider.System);

    private static Task<InferenceTensor[]> Infer(DynamicBatcher batcher, float value, string? key, int rows = 1, CancellationToken token = default)
    {
        var input = new InferenceTensor("x", OipDatatype.Fp32, [rows, 1], Enumerable.Repeat(value, rows).ToArray());
        return batcher.InferAsync([input], ["x"], ["x"], rows, key, token);
    }

    private void Echo(List<PendingInference> batch)
    {
        _batches.Enqueue(batch);
        _release.Wait();
        _release.Release();
        foreach (var item in batch)
        {
            item.TrySetResult(item.Inputs);
        }
    }

    private static async Task Eventually(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "Condition not met within 30 s.");
            await Task.Delay(10);
        }
    }
}
