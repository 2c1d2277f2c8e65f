using Microsoft.Extensions.Logging;

namespace Serverless.Workflows.Hosting;

internal static partial class Log
{
    [LoggerMessage(1, LogLevel.Information, "Durable Task worker polling task hub '{TaskHub}' ({Partitions} partitions).")]
    public static partial void WorkerStarted(ILogger logger, string taskHub, int partitions);

    [LoggerMessage(2, LogLevel.Warning, "Durable Task worker could not start on task hub '{TaskHub}'; retrying in {Delay}.")]
    public static partial void WorkerStartFailed(ILogger logger, Exception exception, string taskHub, TimeSpan delay);
}
