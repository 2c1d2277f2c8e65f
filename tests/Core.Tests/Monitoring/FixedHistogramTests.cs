using Serverless.Core.Monitoring;

namespace Serverless.Core.Tests.Monitoring;

public class FixedHistogramTests
{
    [Theory]
    [InlineData(-1.0, 0)]
    [InlineData(0.999, 0)]
    [InlineData(1.0, 1)] // an edge belongs to the bin above it, like the training histograms
    [InlineData(1.5, 1)]
    [InlineData(2.0, 2)]
    [InlineData(100.0, 2)]
    public void BinOf_ValueAgainstEdges_LowerEdgeInclusive(double value, int bin) =>
        Assert.Equal(bin, FixedHistogram.BinOf([1.0, 2.0], value));

    [Fact]
    public void Add_Values_CountsPerBinAndSum()
    {
        var histogram = new FixedHistogram([1.0, 2.0]);
        foreach (var v in new[] { 0.5, 1.0, 1.2, 3.0, 7.0 })
        {
            histogram.Add(v);
        }

        Assert.Equal([1L, 2, 2], histogram.Counts);
        Assert.Equal(5, histogram.Count);
        Assert.Equal(12.7, histogram.Sum, 10);
    }

    [Fact]
    public void Merge_TwoHalves_EqualsOneHistogramOfAll()
    {
        var values = Enumerable.Range(0, 1000).Select(i => (i * 7919 % 1000) / 100.0).ToArray();
        var all = new FixedHistogram([1, 2.5, 5, 9]);
        var first = new FixedHistogram([1, 2.5, 5, 9]);
        var second = new FixedHistogram([1, 2.5, 5, 9]);
        for (var i = 0; i < values.Length; i++)
        {
            all.Add(values[i]);
            (i % 3 == 0 ? first : second).Add(values[i]);
        }

        first.Merge(second);

        Assert.Equal(all.Counts, first.Counts);
        Assert.Equal(all.Sum, first.Sum, 9);
    }

    [Fact]
    public void Merge_DifferentEdges_Throws()
    {
        var a = new FixedHistogram([1.0]);
        Assert.Throws<InvalidOperationException>(() => a.Merge(new FixedHistogram([2.0])));
    }

    [Fact]
    public void Quantile_UniformCountsInOneBin_Interpolates()
    {
        // 10 values in [10, 20), none elsewhere: the median sits halfway through that bin.
        var histogram = new FixedHistogram([10, 20], [0, 10, 0], 150);

        Assert.Equal(15, histogram.Quantile(0.5), 9);
        Assert.Equal(19, histogram.Quantile(0.9), 9);
    }

    [Fact]
    public void Quantile_Empty_IsNaN() => Assert.True(double.IsNaN(new FixedHistogram([1.0]).Quantile(0.5)));
}
