using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Serverless.Api.Http;

namespace Serverless.Api.Security;

/// <summary>
/// Answers 401 <c>{ "error" }</c> before the handler runs when the request lacks the API key, so nothing changes.
/// The presented value is never logged or echoed.
/// </summary>
internal sealed class ApiKeyEndpointFilter : IEndpointFilter
{
    public static readonly ApiKeyEndpointFilter Instance = new();

    private static readonly IResult Unauthorized = ApiError.Result(
        StatusCodes.Status401Unauthorized, $"Missing or wrong API key: send it in the {ApiKeyVerifier.Header} header.");

    public ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        if (http.RequestServices.GetRequiredService<ApiKeyVerifier>().IsValid(http.Request.Headers[ApiKeyVerifier.Header]))
        {
            return next(context);
        }

        ApiKeyLogs.Refused(http.RequestServices.GetRequiredService<ILogger<ApiKeyVerifier>>(), http.Request.Method, http.Request.Path.Value ?? "");
        return ValueTask.FromResult<object?>(Unauthorized);
    }
}
