using Serverless.Core.Models;
using Serverless.Core.Validation;

namespace Serverless.Core.Tests.Validation;

public class SampleRowsTests
{
    private static readonly FeatureSchema Schema = new("features",
    [
        new FeatureDefinition("x", FeatureKind.Numeric),
        new FeatureDefinition("c", FeatureKind.Categorical, ["a", "b", "c"]),
        new FeatureDefinition("none", FeatureKind.Numeric),
    ]);

    [Fact]
    public void Build_FromHistograms_UsesOnlyPopulatedBinsAndCategories()
    {
        FeatureHistogram[] stats =
        [
            new("x", [0, 10], [0, 5, 3], 0, Min: -2, Max: 30), // bins: below 0 (empty), 0..10, above 10
            new("c", [], [4, 0, 1], 0),
        ];

        var rows = SampleRows.Build(Schema, stats, 12);

        var x = Enumerable.Range(0, 12).Select(r => rows[r * 3]).Distinct().Order().ToList();
        var c = Enumerable.Range(0, 12).Select(r => rows[(r * 3) + 1]).Distinct().Order().ToList();
        Assert.Equal([5f, 30f], x);
        Assert.Equal([0f, 2f], c);
        Assert.All(Enumerable.Range(0, 12), r => Assert.Equal(0f, rows[(r * 3) + 2]));
    }

    [Fact]
    public void Build_SameInput_SameRows()
    {
        FeatureHistogram[] stats = [new("x", [0, 1, 2], [1, 1, 1, 1], 0)];

        Assert.Equal(SampleRows.Build(Schema, stats, 50), SampleRows.Build(Schema, stats, 50));
    }
}
