using Serverless.Core.Scoring;

namespace Serverless.Core.Tests.Scoring;

public class ShadowComparisonTests
{
    private static readonly string[] Classes = ["no", "yes"];

    [Fact]
    public void Of_BinaryClassification_CountsEqualLabelsAndSumsPositiveClassDifferences()
    {
        var served = new TabularPredictions(3, ["yes", "no", "yes"], [0.2f, 0.8f, 0.9f, 0.1f, 0.4f, 0.6f], Classes, null);
        var shadow = new TabularPredictions(3, ["yes", "yes", "no"], [0.1f, 0.9f, 0.3f, 0.7f, 0.55f, 0.45f], Classes, null);

        var c = ShadowComparison.Of(served, shadow);

        Assert.Equal((3, 1), (c.Compared, c.Agreed));
        Assert.Equal(0.1 + 0.6 + 0.15, c.ScoreDifference, 5);
    }

    [Fact]
    public void Of_MultiClass_ComparesTopProbabilities()
    {
        string[] labels = ["a", "b", "c"];
        var served = new TabularPredictions(1, ["a"], [0.5f, 0.3f, 0.2f], labels, null);
        var shadow = new TabularPredictions(1, ["b"], [0.1f, 0.7f, 0.2f], labels, null);

        var c = ShadowComparison.Of(served, shadow);

        Assert.Equal((1, 0), (c.Compared, c.Agreed));
        Assert.Equal(0.2, c.ScoreDifference, 5); // |0.7 - 0.5|: the top probabilities, whichever class they belong to.
    }

    [Fact]
    public void Of_Regression_AgreesWithinATenthOfAPercent()
    {
        var served = new TabularPredictions(3, null, null, null, [100f, 1f, 0f]);
        var shadow = new TabularPredictions(3, null, null, null, [100.05f, 1.01f, 0.0005f]);

        var c = ShadowComparison.Of(served, shadow);

        Assert.Equal((3, 2), (c.Compared, c.Agreed)); // 0.05 % and an absolute 5e-4 near zero agree; 1 % does not.
        Assert.Equal(0.05 + 0.01 + 0.0005, c.ScoreDifference, 4);
    }

    [Fact]
    public void Of_DifferentRowCountsOrOutputKinds_ComparesNothing()
    {
        var values = new TabularPredictions(1, null, null, null, [1f]);
        Assert.Equal(default, ShadowComparison.Of(values, new TabularPredictions(2, null, null, null, [1f, 2f])));
        Assert.Equal(default, ShadowComparison.Of(values, new TabularPredictions(1, ["yes"], [0.5f, 0.5f], Classes, null)));
    }
}
