using Serverless.Core.Capacity;

namespace Serverless.Core.Tests.Capacity;

public sealed class MeasuredCostTests
{
    [Fact]
    public void FromBench_SampleChurnNumbers_SplitsTheCostAsDocumented()
    {
        var cost = MeasuredCost.SampleChurnBench;

        // (100 x 1.95 - 6.74) / 99 per row; 6.74 - that per call; 2 cores / 46,425 req/s - 6.74 for HTTP.
        Assert.Equal(1.90162, cost.HandlerPerRowMicroseconds, 4);
        Assert.Equal(4.83838, cost.HandlerFixedMicroseconds, 4);
        Assert.Equal(36.34024, cost.HttpMicroseconds, 4);
        Assert.Equal(6.74, cost.HandlerMicroseconds(1), 6);
        Assert.Equal(195, cost.HandlerMicroseconds(100), 6);
    }
}
