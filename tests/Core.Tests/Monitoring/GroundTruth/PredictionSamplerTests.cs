using Serverless.Core.Monitoring.GroundTruth;

namespace Serverless.Core.Tests.Monitoring.GroundTruth;

public class PredictionSamplerTests
{
    [Fact]
    public void IsSampled_RateBounds_AllOrNothing()
    {
        Assert.True(PredictionSampler.IsSampled("abc", 1));
        Assert.False(PredictionSampler.IsSampled("abc", 0));
    }

    [Fact]
    public void IsSampled_TenPercent_KeepsAboutATenthAndTheSameIdsEveryTime()
    {
        var ids = Enumerable.Range(0, 20_000).Select(i => "req-" + i).ToList();

        var kept = ids.Where(id => PredictionSampler.IsSampled(id, 0.1)).ToList();

        Assert.InRange(kept.Count, 1_700, 2_300);
        Assert.Equal(kept, ids.Where(id => PredictionSampler.IsSampled(id, 0.1)));
        Assert.All(kept, id => Assert.True(PredictionSampler.IsSampled(id, 0.5))); // a higher rate keeps a superset
    }

    [Theory]
    [InlineData("req-{0}")]
    [InlineData("{0}")]
    [InlineData("user-{0}")]
    [InlineData("customer_{0:D6}")]
    public void IsSampled_SequentialIds_KeepTheRateWithinFourSigma(string shape)
    {
        // 20,000 ids at 10 %: sigma = sqrt(20000 x 0.1 x 0.9) = 42 ids.
        var kept = Enumerable.Range(0, 20_000).Count(i => PredictionSampler.IsSampled(string.Format(System.Globalization.CultureInfo.InvariantCulture, shape, i), 0.1));

        Assert.InRange(kept, 2_000 - 170, 2_000 + 170);
    }
}
