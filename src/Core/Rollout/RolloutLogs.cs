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
}
