using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Middleware;
using Microsoft.Extensions.Logging;
using Serverless.Api.Http;

namespace Serverless.Functions.Hosting;

/// <summary>
/// The worker's half of <see cref="UnhandledError"/>: an HTTP-triggered function that throws answers 500
/// <c>{ "error", "requestId" }</c> with a log line, as the local host does. Other triggers rethrow, so the host
/// retries them (a blob trigger's retry is what a busy batch version relies on).
/// </summary>
internal sealed class UnhandledErrorMiddleware(ILogger<UnhandledErrorMiddleware> logger) : IFunctionsWorkerMiddleware
{
    public async Task Invoke(FunctionContext context, FunctionExecutionDelegate next)
    {
        try
        {
            await next(context);
        }
        catch (Exception e) when (context.GetHttpContext() is { } http && !http.RequestAborted.IsCancellationRequested)
        {
            await UnhandledError.WriteAsync(http, e, logger);
        }
    }
}
