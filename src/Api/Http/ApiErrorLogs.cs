using Microsoft.Extensions.Logging;

namespace Serverless.Api.Http;

internal static partial class ApiErrorLogs
{
    [LoggerMessage(EventId = 8000, Level = LogLevel.Error, Message = "Unhandled exception on {Method} {Path}; request id {RequestId}.")]
    public static partial void Unhandled(ILogger logger, Exception exception, string method, string path, string requestId);
}
