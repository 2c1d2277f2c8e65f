using Serverless.Core.Models;
using Serverless.Training.Evaluation;

namespace Serverless.Training.Tests.Evaluation;

public class FeatureStatisticsTests
{
    private static readonly FeatureSchema Schema = new("features",
    [
        new FeatureDefinition("x", FeatureKind.Numeric),
        new FeatureDefinition("plan", FeatureKind.Categorical, ["a", "b", "c"]),
    ]);

    [Fact]
    public void Compute_Numeric_DecileEdgesAndHalfOpenBins()
    {
        var rows = Enumerable.Range(1, 100).Select(i => new[] { (float)i, 0f }).Append([float.NaN, float.NaN]).ToList();

        var histogram = FeatureStatistics.Compute(Schema, rows)[0];

        Assert.Equal([10, 20, 30, 40, 50, 60, 70, 80, 90], histogram.BinEdges);
        Assert.Equal([9L, 10, 10, 10, 10, 10, 10, 10, 10, 11], histogram.Counts);
        Assert.Equal(1, histogram.Missing);
        Assert.Equal(1, histogram.Min);
        Assert.Equal(100, histogram.Max);
    }

    [Fact]
    public void Score_Probabilities_DecileHistogramNamedScore()
    {
        var scores = Enumerable.Range(1, 100).Select(i => i / 100f).Append(float.NaN).ToList();

        var histogram = FeatureStatistics.Score(scores);

        Assert.Equal("score", histogram.Name);
        Assert.Equal(9, histogram.BinEdges.Count);
        Assert.Equal(100, histogram.Counts.Sum());
        Assert.Equal(1, histogram.Missing);
        Assert.Equal(1f, histogram.Max!.Value, 6);
    }

    [Fact]
    public void Compute_FewDistinctValues_DeduplicatesEdges()
    {
        var rows = Enumerable.Range(0, 50).Select(i => new[] { (float)(i % 2), 0f }).ToList();

        var histogram = FeatureStatistics.Compute(Schema, rows)[0];

        Assert.Equal([0, 1], histogram.BinEdges);
        Assert.Equal([0L, 25, 25], histogram.Counts);
    }

    [Fact]
    public void Compute_Categorical_CountsInCategoryOrder()
    {
        float[][] rows = [[1, 2], [1, 0], [1, 2], [1, float.NaN]];

        var histogram = FeatureStatistics.Compute(Schema, rows)[1];

        Assert.Empty(histogram.BinEdges);
        Assert.Equal([1L, 0, 2], histogram.Counts);
        Assert.Equal(1, histogram.Missing);
    }

    [Fact]
    public void BinOf_ValueOnEdge_GoesToUpperBin()
    {
        double[] edges = [1, 2];

        Assert.Equal([0, 1, 1, 2, 2], new[] { 0.5, 1, 1.5, 2, 9 }.Select(v => FeatureStatistics.BinOf(edges, v)));
    }
}
