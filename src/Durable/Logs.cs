using Microsoft.Extensions.Logging;
using Serverless.Core.Workflows;

namespace Serverless.Durable;

/// <summary>The engine's log messages.</summary>
internal static partial class Logs
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Durable engine {WorkerId} started on task hub {TaskHub}")]
    public static partial void EngineStarted(ILogger logger, string workerId, string taskHub);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Receiving from queue {Queue} failed; retrying")]
    public static partial void ReceiveFailed(ILogger logger, string queue, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Message {MessageId} on queue {Queue} failed (delivery {DequeueCount}); it will be retried")]
    public static partial void MessageFailed(ILogger logger, string queue, string messageId, long dequeueCount, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not extend the invisibility of message {MessageId} on queue {Queue}; it may be delivered again")]
    public static partial void RenewalFailed(ILogger logger, string queue, string messageId, Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "Orchestration {InstanceId} ({Name}) is {Status}")]
    public static partial void InstanceStatus(ILogger logger, string instanceId, string name, WorkflowRuntimeStatus status);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Orchestration {InstanceId} ({Name}) failed: {ErrorType}: {ErrorMessage}")]
    public static partial void InstanceFailed(ILogger logger, string instanceId, string name, string errorType, string errorMessage);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Orchestration {InstanceId} is leased by another worker; postponed")]
    public static partial void InstanceBusy(ILogger logger, string instanceId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Activity {Name} of {InstanceId} (task #{TaskId}) failed: {ErrorMessage}")]
    public static partial void ActivityFailed(ILogger logger, string name, string instanceId, int taskId, string errorMessage);

    [LoggerMessage(Level = LogLevel.Information, Message = "Event {EventName} for {InstanceId} discarded: the instance is {Status}")]
    public static partial void EventDiscarded(ILogger logger, string eventName, string instanceId, WorkflowRuntimeStatus status);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Lease on {InstanceId} expired before the episode finished; another worker continues it")]
    public static partial void LeaseLost(ILogger logger, string instanceId);
}
