using Microsoft.AspNetCore.Http;

namespace Serverless.Api.Http;

/// <summary>An <see cref="IResult"/> that sends JSON already written to a <see cref="PooledBufferWriter"/>, then returns its buffer.</summary>
public sealed class PooledJsonResult(PooledBufferWriter body, int statusCode = StatusCodes.Status200OK) : IResult
{
    public async Task ExecuteAsync(HttpContext httpContext)
    {
        try
        {
            var response = httpContext.Response;
            response.StatusCode = statusCode;
            response.ContentType = "application/json; charset=utf-8";
            response.ContentLength = body.WrittenMemory.Length;
            await response.Body.WriteAsync(body.WrittenMemory, httpContext.RequestAborted);
        }
        finally
        {
            body.Dispose();
        }
    }
}
