using Microsoft.Extensions.Logging;

namespace Serverless.Core.Monitoring;

/// <summary>Log messages of the monitoring components.</summary>
internal static partial class MonitoringLogs
{
    [LoggerMessage(1, LogLevel.Error, "Recording a prediction's metrics failed; the prediction was served. Later failures are counted, not logged.")]
    public static partial void RecordingFailed(this ILogger logger, Exception exception);

    [LoggerMessage(2, LogLevel.Warning, "Writing {Count} monitoring windows failed; they are kept and written at the next flush.")]
    public static partial void FlushFailed(this ILogger logger, int count, Exception exception);

    [LoggerMessage(3, LogLevel.Warning, "Writing {Count} logged predictions failed twice; they are dropped (the prediction log is a sample).")]
    public static partial void PredictionLogWriteFailed(this ILogger logger, int count, Exception exception);

    [LoggerMessage(4, LogLevel.Information, "Deleted {Count} logged predictions past their retention.")]
    public static partial void PredictionLogPurged(this ILogger logger, int count);

    [LoggerMessage(5, LogLevel.Warning, "Deleting expired logged predictions failed; the next purge tries again.")]
    public static partial void PredictionLogPurgeFailed(this ILogger logger, Exception exception);

    [LoggerMessage(6, LogLevel.Warning, "Drift of model {Model} reached the act threshold: {Detail}")]
    public static partial void DriftActed(this ILogger logger, string model, string detail);

    [LoggerMessage(7, LogLevel.Error, "Checking drift of model {Model} failed; the other models were checked.")]
    public static partial void DriftCheckFailed(this ILogger logger, string model, Exception exception);

    [LoggerMessage(8, LogLevel.Error, "Acting on the drift of model {Model} failed; the cooldown is not spent, the next check tries again.")]
    public static partial void DriftActionFailed(this ILogger logger, string model, Exception exception);
}
