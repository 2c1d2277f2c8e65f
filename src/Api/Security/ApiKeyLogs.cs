using Microsoft.Extensions.Logging;

namespace Serverless.Api.Security;

internal static partial class ApiKeyLogs
{
    [LoggerMessage(EventId = 8100, Level = LogLevel.Warning, Message = "Refused {Method} {Path}: missing or wrong API key.")]
    public static partial void Refused(ILogger logger, string method, string path);
}
