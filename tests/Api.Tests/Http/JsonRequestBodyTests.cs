using System.Text;
using Microsoft.AspNetCore.Http;
using Serverless.Api.Http;

namespace Serverless.Api.Tests.Http;

public class JsonRequestBodyTests
{
    private static HttpRequest Request(string? contentType, byte[] body, bool sendLength = true)
    {
        var context = new DefaultHttpContext();
        context.Request.ContentType = contentType;
        context.Request.Body = new MemoryStream(body);
        context.Request.ContentLength = sendLength ? body.Length : null;
        return context.Request;
    }

    private static int? StatusOf(IResult? result) => (result as IStatusCodeHttpResult)?.StatusCode;

    [Theory]
    [InlineData("application/json")]
    [InlineData("application/json; charset=utf-8")]
    [InlineData("application/problem+json")]
    public async Task ReadAsync_JsonBody_ReturnsBytes(string contentType)
    {
        var (body, error) = await JsonRequestBody.ReadAsync(Request(contentType, "{\"a\":1}"u8.ToArray()), 1024, default);

        Assert.Null(error);
        using (body)
        {
            Assert.Equal("{\"a\":1}", Encoding.UTF8.GetString(body!.Span));
        }
    }

    [Theory]
    [InlineData(null)]
    [InlineData("text/plain")]
    [InlineData("application/json; charset=utf-16")]
    public async Task ReadAsync_NotUtf8Json_Answers415(string? contentType)
    {
        var (_, error) = await JsonRequestBody.ReadAsync(Request(contentType, "{}"u8.ToArray()), 1024, default);

        Assert.Equal(415, StatusOf(error));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task ReadAsync_OverLimit_Answers413WithOrWithoutContentLength(bool sendLength)
    {
        var (_, error) = await JsonRequestBody.ReadAsync(Request("application/json", new byte[5000], sendLength), 4096, default);

        Assert.Equal(413, StatusOf(error));
    }

    [Fact]
    public async Task ReadAsync_ExactlyAtLimitWithoutLength_IsRead()
    {
        var (body, error) = await JsonRequestBody.ReadAsync(Request("application/json", new byte[4096], sendLength: false), 4096, default);

        Assert.Null(error);
        Assert.Equal(4096, body!.Length);
        body.Dispose();
    }

    [Fact]
    public async Task ReadAsync_Empty_Answers400()
    {
        var (_, error) = await JsonRequestBody.ReadAsync(Request("application/json", []), 1024, default);

        Assert.Equal(400, StatusOf(error));
    }
}
