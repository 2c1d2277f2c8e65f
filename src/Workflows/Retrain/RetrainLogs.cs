using Microsoft.Extensions.Logging;

namespace Serverless.Workflows.Retrain;

internal static partial class RetrainLogs
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Scheduled retrain of {Model} started as {InstanceId}.")]
    public static partial void ScheduledRetrainStarted(this ILogger logger, string model, string instanceId);

    [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message = "Scheduled retrain of {Model} skipped: {InstanceId} is still running.")]
    public static partial void ScheduledRetrainStillRunning(this ILogger logger, string model, string instanceId);

    [LoggerMessage(EventId = 3, Level = LogLevel.Warning, Message = "Scheduled retrain of {Model} skipped: the model is not registered (Retrain:ScheduledModels).")]
    public static partial void ScheduledModelUnknown(this ILogger logger, string model);

    [LoggerMessage(EventId = 4, Level = LogLevel.Error, Message = "Scheduled retrain of {Model} could not be started.")]
    public static partial void ScheduledRetrainFailed(this ILogger logger, string model, Exception exception);
}
