using System.Collections.Concurrent;
using Azure.Storage.Blobs;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Moq;
using Serverless.Core.Batch;
using Serverless.Core.Models;
using Serverless.Core.Scoring;
using Serverless.LocalHost.Batch;

namespace Serverless.LocalHost.Tests.Batch;

public class BatchWatcherOutageTests
{
    /// <summary>
    /// Storage that refuses connections: once the SDK's retries are spent it throws AggregateException, which used
    /// to escape ExecuteAsync and stop the host. Azurite cannot be taken down under the other tests, so the
    /// endpoint is a closed local port.
    /// </summary>
    [Fact]
    public async Task ExecuteAsync_StorageUnreachable_LogsAndKeepsPolling()
    {
        var options = Microsoft.Extensions.Options.Options.Create(new BatchOptions());
        var clientOptions = new BlobClientOptions();
        clientOptions.Retry.MaxRetries = 1;
        clientOptions.Retry.Delay = TimeSpan.FromMilliseconds(10);
        var service = new BlobServiceClient(new Uri("http://127.0.0.1:1/devstoreaccount1"), clientOptions);
        var storage = new BatchStorage(service, options);
        var receipts = new BatchReceiptStore(storage, options, TimeProvider.System);
        var scoring = new BatchScoringHandler(storage, receipts, Mock.Of<IModelProvider>(), options, TimeProvider.System, NullLogger<BatchScoringHandler>.Instance);
        var jobs = new BatchJobService(storage, receipts, scoring, Mock.Of<IModelRegistry>(), TimeProvider.System, NullLogger<BatchJobService>.Instance);
        var failures = new ConcurrentQueue<Exception>();
        var logger = new Mock<ILogger>(); // ILogger<BatchBlobWatcher> cannot be proxied: the watcher is internal.
        logger.Setup(l => l.IsEnabled(It.IsAny<LogLevel>())).Returns(true);
        logger.Setup(l => l.Log(LogLevel.Warning, It.Is<EventId>(e => e.Id == 3100), It.IsAny<It.IsAnyType>(), It.IsAny<Exception?>(), (Func<It.IsAnyType, Exception?, string>)It.IsAny<object>()))
            .Callback(new InvocationAction(i => failures.Enqueue((Exception)i.Arguments[3]!)));
        var provider = new Mock<ILoggerProvider>();
        provider.Setup(p => p.CreateLogger(It.IsAny<string>())).Returns(logger.Object);
        using var loggers = new LoggerFactory([provider.Object]);
        var watcherOptions = Microsoft.Extensions.Options.Options.Create(new BatchWatcherOptions { WatcherPollInterval = TimeSpan.FromMilliseconds(100) });
        using var watcher = new BatchBlobWatcher(storage, scoring, jobs, watcherOptions, loggers.CreateLogger<BatchBlobWatcher>());

        await watcher.StartAsync(CancellationToken.None);
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (failures.Count < 2 && DateTime.UtcNow < deadline && !watcher.ExecuteTask!.IsCompleted)
        {
            await Task.Delay(50);
        }

        Assert.False(watcher.ExecuteTask!.IsCompleted);
        Assert.True(failures.Count >= 2);
        Assert.IsType<AggregateException>(failures.First());
        await watcher.StopAsync(CancellationToken.None);
        Assert.True(watcher.ExecuteTask.IsCompletedSuccessfully);
    }
}
