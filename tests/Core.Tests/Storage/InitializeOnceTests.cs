using Serverless.Core.Storage;

namespace Serverless.Core.Tests.Storage;

public class InitializeOnceTests
{
    [Fact]
    public async Task EnsureAsync_ConcurrentCallers_ShareOneRun()
    {
        var runs = 0;
        var gate = new TaskCompletionSource();
        var once = new InitializeOnce(() => { Interlocked.Increment(ref runs); return gate.Task; });

        var callers = Enumerable.Range(0, 8).Select(_ => once.EnsureAsync()).ToArray();
        gate.SetResult();
        await Task.WhenAll(callers);
        await once.EnsureAsync();

        Assert.Equal(1, runs);
    }

    [Fact]
    public async Task EnsureAsync_AfterFailure_RunsAgain()
    {
        var runs = 0;
        var once = new InitializeOnce(() => ++runs == 1
            ? Task.FromException(new InvalidOperationException("storage not up yet"))
            : Task.CompletedTask);

        await Assert.ThrowsAsync<InvalidOperationException>(() => once.EnsureAsync());
        await once.EnsureAsync();
        await once.EnsureAsync();

        Assert.Equal(2, runs);
    }

    [Fact]
    public async Task EnsureAsync_CallerCancels_OthersStillComplete()
    {
        var gate = new TaskCompletionSource();
        var once = new InitializeOnce(() => gate.Task);
        using var cancelled = new CancellationTokenSource();

        var waiting = once.EnsureAsync(cancelled.Token);
        var other = once.EnsureAsync();
        await cancelled.CancelAsync();
        gate.SetResult();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
        await other;
    }
}
