using Microsoft.Extensions.Logging;

namespace Serverless.Core.Batch;

internal static partial class BatchLogs
{
    [LoggerMessage(EventId = 3000, Level = LogLevel.Information, Message = "Batch {Input}: scoring with model {Model} version {Version}")]
    public static partial void Started(ILogger logger, string input, string model, int version);

    [LoggerMessage(EventId = 3001, Level = LogLevel.Information, Message = "Batch {Input}: {Rows} rows ({Rejected} rejected), {RowsPerSecond:F0} rows/s")]
    public static partial void Progress(ILogger logger, string input, long rows, long rejected, double rowsPerSecond);

    [LoggerMessage(EventId = 3002, Level = LogLevel.Information, Message = "Batch {Input}: completed, {Scored} scored, {Rejected} rejected in {Seconds:F1} s ({RowsPerSecond:F0} rows/s)")]
    public static partial void Completed(ILogger logger, string input, long scored, long rejected, double seconds, double rowsPerSecond);

    [LoggerMessage(EventId = 3003, Level = LogLevel.Warning, Message = "Batch {Input}: rejected: {Reason}")]
    public static partial void Rejected(ILogger logger, string input, string reason);

    [LoggerMessage(EventId = 3004, Level = LogLevel.Information, Message = "Batch {Input}: version {ETag} already has a final receipt; not scored again")]
    public static partial void Duplicate(ILogger logger, string input, string etag);

    [LoggerMessage(EventId = 3005, Level = LogLevel.Information, Message = "Batch {Input}: another worker is scoring version {ETag}")]
    public static partial void Busy(ILogger logger, string input, string etag);

    [LoggerMessage(EventId = 3006, Level = LogLevel.Warning, Message = "Batch {Input}: the blob changed while it was scored; nothing published")]
    public static partial void Superseded(ILogger logger, string input);

    [LoggerMessage(EventId = 3007, Level = LogLevel.Debug, Message = "Batch {Input}: ignored ({Reason})")]
    public static partial void Ignored(ILogger logger, string input, string reason);

    [LoggerMessage(EventId = 3008, Level = LogLevel.Error, Message = "Batch {Input}: failed; the next trigger retries")]
    public static partial void Failed(ILogger logger, string input, Exception exception);

    [LoggerMessage(EventId = 3009, Level = LogLevel.Information, Message = "Batch job {JobId}: {Model}/{Path} submitted")]
    public static partial void JobSubmitted(ILogger logger, string jobId, string model, string path);
}
