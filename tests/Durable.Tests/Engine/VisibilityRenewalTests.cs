using Azure;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using Microsoft.Extensions.Logging.Abstractions;
using Moq;
using Serverless.Durable.Engine;

namespace Serverless.Durable.Tests.Engine;

/// <summary>
/// Renewal of an activity message's invisibility under a storage outage. A mock queue stands in for Azurite: a
/// transport failure after all SDK retries cannot be caused on a shared emulator without stopping it for every test.
/// </summary>
public class VisibilityRenewalTests
{
    [Fact]
    public async Task KeepInvisibleAsync_RenewalFailsWithAggregateException_EndsWithoutFaulting()
    {
        var queue = new Mock<QueueClient>();
        queue.Setup(q => q.UpdateMessageAsync(It.IsAny<string>(), It.IsAny<string>(), It.IsAny<string>(), It.IsAny<TimeSpan>(), It.IsAny<CancellationToken>()))
            .Returns(Task.FromException<Response<UpdateReceipt>>(
                new AggregateException("Retry failed after 4 tries.", new HttpRequestException("Connection refused"))));
        using var activityRunning = new CancellationTokenSource();

        // The activity is still running (nothing cancels the token): the renewal ends by itself, and quietly.
        await VisibilityRenewal.KeepInvisibleAsync(
            queue.Object, new MessageReceipt("m1", "pop"), TimeSpan.FromMilliseconds(30), NullLogger.Instance, activityRunning.Token)
            .WaitAsync(TimeSpan.FromSeconds(10));

        queue.Verify(
            q => q.UpdateMessageAsync("m1", "pop", It.IsAny<string>(), TimeSpan.FromMilliseconds(30), It.IsAny<CancellationToken>()), Times.Once);
    }

    [Fact]
    public async Task KeepInvisibleAsync_RenewalSucceeds_UsesTheNewPopReceiptNextTime()
    {
        var renewals = 0;
        var queue = new Mock<QueueClient>();
        queue.Setup(q => q.UpdateMessageAsync(It.IsAny<string>(), It.IsAny<string>(), It.IsAny<string>(), It.IsAny<TimeSpan>(), It.IsAny<CancellationToken>()))
            .Returns(() => Task.FromResult(Response.FromValue(
                QueuesModelFactory.UpdateReceipt("pop" + Interlocked.Increment(ref renewals), DateTimeOffset.UtcNow), Mock.Of<Response>())));
        var receipt = new MessageReceipt("m1", "pop0");
        using var activityRunning = new CancellationTokenSource();
        using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(10));

        var renewing = VisibilityRenewal.KeepInvisibleAsync(queue.Object, receipt, TimeSpan.FromMilliseconds(30), NullLogger.Instance, activityRunning.Token);
        while (Volatile.Read(ref renewals) < 2)
        {
            await Task.Delay(10, bound.Token);
        }

        await activityRunning.CancelAsync();
        await renewing.WaitAsync(TimeSpan.FromSeconds(10));
        queue.Verify(q => q.UpdateMessageAsync("m1", "pop1", It.IsAny<string>(), It.IsAny<TimeSpan>(), It.IsAny<CancellationToken>()), Times.Once);
    }
}
