using Microsoft.Extensions.Logging;

namespace Serverless.Core.Rollout;

internal static partial class RolloutLogs
{
    [LoggerMessage(4000, LogLevel.Warning, "Deployment notice for model {Model} ({Kind}): {Message} Now: {Routing}.")]
    public static partial void Notice(this ILogger logger, string model, string kind, string message, string routing);

    [LoggerMessage(4001, LogLevel.Information, "Model {Model}: {Action} by {By}: {From} -> {To} ({Why}).")]
    public static partial void Changed(this ILogger logger, string model, string action, string by, string from, string to, string why);

    [LoggerMessage(4002, LogLevel.Error, "Model {Model}: the audit entry for {Action} could not be written; the change itself is stored (and in the state's history).")]
    public static partial void AuditFailed(this ILogger logger, string model, string action, Exception exception);

    [LoggerMessage(4003, LogLevel.Warning, "Alert {AlertId} ({Rule}) names no registered model ('{Model}'); nothing done.")]
    public static partial void UnknownModel(this ILogger logger, string alertId, string rule, string model);

    [LoggerMessage(4004, LogLevel.Warning, "Model {Model}: alert {AlertId} fired but there is nothing to roll back to: {Reason}")]
    public static partial void NothingToRollBack(this ILogger logger, string model, string alertId, string reason);
}
