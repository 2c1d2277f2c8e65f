using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Serverless.Api.Http;

/// <summary>
/// The answer to a failure no handler expected: 500 <c>{ "error", "requestId" }</c> and one error log line with the
/// same request id, so a caller's report finds the log. Both hosts answer through here.
/// </summary>
public static class UnhandledError
{
    public const string Message = "The server failed to process the request; report the requestId.";

    /// <summary>The caller's valid <c>x-request-id</c>, else the server's trace identifier.</summary>
    public static string RequestIdOf(HttpContext context) =>
        RequestIds.TryGet(context.Request, out var id, out _) ? id : context.TraceIdentifier;

    /// <summary>Logs and writes the 500 when the response has not started; a started response can only be aborted.</summary>
    public static async Task WriteAsync(HttpContext context, Exception exception, ILogger logger)
    {
        var requestId = RequestIdOf(context);
        ApiErrorLogs.Unhandled(logger, exception, context.Request.Method, context.Request.Path, requestId);
        if (context.Response.HasStarted)
        {
            context.Abort();
            return;
        }

        context.Response.Clear();
        context.Response.StatusCode = StatusCodes.Status500InternalServerError;
        context.Response.Headers[RequestIds.Header] = requestId;
        await context.Response.WriteAsJsonAsync(new UnhandledErrorBody(Message, requestId), context.RequestAborted);
    }
}
