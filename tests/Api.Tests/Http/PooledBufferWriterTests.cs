using Serverless.Api.Http;

namespace Serverless.Api.Tests.Http;

public class PooledBufferWriterTests
{
    [Fact]
    public void GetSpan_PastInitialCapacity_GrowsAndKeepsWrittenBytes()
    {
        using var writer = new PooledBufferWriter(16);
        writer.GetSpan(10)[..10].Fill(7);
        writer.Advance(10);

        var span = writer.GetSpan(5000);

        Assert.True(span.Length >= 5000, $"span of {span.Length}");
        Assert.All(writer.WrittenMemory.ToArray(), b => Assert.Equal(7, b));
    }

    [Fact]
    public void GetMemory_PastInitialCapacity_Grows()
    {
        using var writer = new PooledBufferWriter(16);
        writer.Advance(writer.GetMemory(16).Length);

        Assert.True(writer.GetMemory(4096).Length >= 4096);
    }
}
