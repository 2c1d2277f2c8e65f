using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Serverless.Api.Http;

public static class ApiErrorApplicationBuilderExtensions
{
    /// <summary>
    /// Error bodies for what no handler answers: an unhandled exception becomes 500 <c>{ "error", "requestId" }</c>
    /// plus a log line (<see cref="UnhandledError"/>); a status without a body (404 no route, 405 wrong method, 415
    /// or 400 from binding) gets <c>{ "error" }</c>. Register first, before the endpoints.
    /// </summary>
    public static IApplicationBuilder UseApiErrors(this IApplicationBuilder app)
    {
        app.UseExceptionHandler(new ExceptionHandlerOptions
        {
            ExceptionHandler = context =>
            {
                var exception = context.Features.Get<IExceptionHandlerFeature>()?.Error ?? new InvalidOperationException("Unknown failure.");
                var logger = context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("Serverless.Api.Errors");
                return UnhandledError.WriteAsync(context, exception, logger);
            },
        });
        app.UseStatusCodePages(context =>
        {
            var http = context.HttpContext;
            var message = http.Response.StatusCode switch
            {
                StatusCodes.Status404NotFound => $"No route matches {http.Request.Method} {http.Request.Path}.",
                StatusCodes.Status405MethodNotAllowed => $"{http.Request.Path} does not answer {http.Request.Method}.",
                var status => $"The request was refused ({status}).",
            };
            return http.Response.WriteAsJsonAsync(new ApiError(message), http.RequestAborted);
        });
        return app;
    }
}
