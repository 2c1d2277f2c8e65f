using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Moq;
using Serverless.Functions.Hosting;

namespace Serverless.Functions.Tests.Hosting;

/// <summary>
/// The worker middleware on a function that throws. The invocation context is mocked: without the Functions host
/// (not installable here) the worker cannot be run for real; the HTTP context is the one the ASP.NET Core
/// integration puts in the invocation's items.
/// </summary>
public class UnhandledErrorMiddlewareTests
{
    [Fact]
    public async Task Invoke_HttpFunctionThrows_Answers500WithRequestId()
    {
        var http = new DefaultHttpContext { RequestServices = new ServiceCollection().AddLogging().BuildServiceProvider() };
        http.Request.Headers["x-request-id"] = "req-f";
        http.Response.Body = new MemoryStream();
        var middleware = new UnhandledErrorMiddleware(NullLogger<UnhandledErrorMiddleware>.Instance);

        await middleware.Invoke(Context(http), _ => throw new InvalidOperationException("boom"));

        http.Response.Body.Position = 0;
        var body = JsonDocument.Parse(http.Response.Body).RootElement;
        Assert.Equal(500, http.Response.StatusCode);
        Assert.Equal("req-f", body.GetProperty("requestId").GetString());
        Assert.False(string.IsNullOrWhiteSpace(body.GetProperty("error").GetString()));
    }

    [Fact]
    public async Task Invoke_NonHttpFunctionThrows_Rethrows()
    {
        var middleware = new UnhandledErrorMiddleware(NullLogger<UnhandledErrorMiddleware>.Instance);

        await Assert.ThrowsAsync<InvalidOperationException>(() => middleware.Invoke(Context(null), _ => throw new InvalidOperationException("busy")));
    }

    private static FunctionContext Context(HttpContext? http)
    {
        var items = new Dictionary<object, object>();
        if (http is not null)
        {
            items["HttpRequestContext"] = http;
        }

        var context = new Mock<FunctionContext>();
        context.Setup(c => c.Items).Returns(items);
        return context.Object;
    }
}
