using Azure;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using Microsoft.Extensions.Logging.Abstractions;
using Moq;
using Serverless.Durable.Engine;

namespace Serverless.Durable.Tests.Engine;

/// <summary>
/// The poller under storage outages. A mock queue stands in for Azurite here: a transport failure after all SDK
/// retries (AggregateException) cannot be caused on a shared emulator without stopping it for every other test.
/// </summary>
public class QueuePollerTests
{
    [Fact]
    public async Task RunAsync_ReceiveFailsWithAggregateException_KeepsPollingAndHandlesNextMessage()
    {
        var calls = 0;
        var message = QueuesModelFactory.QueueMessage("m1", "pop", "{}", 1);
        var queue = new Mock<QueueClient>();
        queue.Setup(q => q.ReceiveMessagesAsync(It.IsAny<int?>(), It.IsAny<TimeSpan?>(), It.IsAny<CancellationToken>()))
            .Returns(() => Interlocked.Increment(ref calls) switch
            {
                1 => Task.FromException<Response<QueueMessage[]>>(
                    new AggregateException("Retry failed after 4 tries.", new HttpRequestException("Connection refused"))),
                2 => Task.FromResult(Response.FromValue(new[] { message }, Mock.Of<Response>())),
                _ => Task.FromResult(Response.FromValue(Array.Empty<QueueMessage>(), Mock.Of<Response>())),
            });
        var handled = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        var poller = new QueuePoller(
            queue.Object, new WorkSignal(), 1, TimeSpan.FromSeconds(10), TimeSpan.FromMilliseconds(10),
            (m, _) => { handled.TrySetResult(m.MessageId); return Task.CompletedTask; },
            NullLogger.Instance);
        using var stopping = new CancellationTokenSource();

        var running = poller.RunAsync(stopping.Token);
        var id = await handled.Task.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal("m1", id);
        Assert.False(running.IsCompleted, "the poller stopped after the failed receive");
        await stopping.CancelAsync();
        await running.WaitAsync(TimeSpan.FromSeconds(10));
    }
}
