using Microsoft.AspNetCore.Http;

namespace Serverless.Api.Gpu;

/// <summary>The GPU app's answer passed on as it came: status code, content type and body.</summary>
internal sealed class ForwardedResponse(int statusCode, string contentType, byte[] body) : IResult
{
    public Task ExecuteAsync(HttpContext httpContext)
    {
        var response = httpContext.Response;
        response.StatusCode = statusCode;
        response.ContentType = contentType;
        response.ContentLength = body.Length;
        return response.Body.WriteAsync(body, httpContext.RequestAborted).AsTask();
    }
}
