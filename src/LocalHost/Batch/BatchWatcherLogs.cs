namespace Serverless.LocalHost.Batch;

internal static partial class BatchWatcherLogs
{
    [LoggerMessage(EventId = 3100, Level = LogLevel.Warning, Message = "Batch watcher: listing failed; retrying at the next poll")]
    public static partial void ScanFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 3101, Level = LogLevel.Warning, Message = "Batch watcher: {Blob} failed (attempt {Attempt})")]
    public static partial void OfferFailed(ILogger logger, string blob, int attempt, Exception exception);
}
