using Microsoft.AspNetCore.Http;
using Serverless.Api.Http;

namespace Serverless.Api.Tests.Http;

public class RequestIdsTests
{
    [Fact]
    public void TryGet_NoHeader_New32HexIdsAllDistinct_EchoedAsAHeader()
    {
        var ids = new HashSet<string>();
        for (var i = 0; i < 10_000; i++)
        {
            var context = new DefaultHttpContext();
            Assert.True(RequestIds.TryGet(context.Request, out var id, out _));
            Assert.Matches("^[0-9a-f]{32}$", id);
            Assert.Equal(id, context.Response.Headers[RequestIds.Header].ToString());
            ids.Add(id);
        }

        Assert.Equal(10_000, ids.Count);
    }

    [Theory]
    [InlineData("caller-id-1", true)]
    [InlineData("", false)]
    [InlineData("has space", false)]
    public void TryGet_CallersHeader_KeptWhenVisibleAscii(string given, bool ok)
    {
        var context = new DefaultHttpContext();
        context.Request.Headers[RequestIds.Header] = given;

        Assert.Equal(ok, RequestIds.TryGet(context.Request, out var id, out var error));
        Assert.Equal(ok ? given : null, id);
        Assert.Equal(ok, error is null);
    }
}
