using Serverless.Core.Scoring.Automation;

namespace Serverless.Core.Tests.Scoring.Automation;

public class FeatureAttributionTests
{
    [Fact]
    public void Compute_Statistics_MiddleEdgeForNumericMostCommonCategory()
    {
        var model = new LinearTestModel();

        // age edges [30, 50]: index 2 / 2 = 1 -> 50; plan counts [60, 40] -> basic (0).
        Assert.Equal([50f, 0f], FeatureAttribution.Compute(model.Manifest, model.Encoder!));
    }

    [Fact]
    public void Explain_TwoRecords_ContributionIsScoreMinusScoreAtBaseline()
    {
        var model = new LinearTestModel();
        float[] rows = [70, 1, 50, 0];
        var predictions = model.ScoreEncoded(rows, 2);

        var explained = FeatureAttribution.Explain(model, rows, 2, predictions);

        // Record 0: age 70 vs 50 -> 0.01 * 20 = 0.2; plan pro vs basic -> 0.2 (ties ordered by name: age first).
        Assert.Equal(["age", "plan"], explained[0].Select(c => c.Feature));
        Assert.Equal(0.2, explained[0][0].Contribution, 5);
        Assert.Equal((70.0, 50.0), ((double)explained[0][0].Value!, (double)explained[0][0].Baseline!));
        Assert.Equal(("pro", "basic"), ((string)explained[0][1].Value!, (string)explained[0][1].Baseline!));
        Assert.Equal(0.2, explained[0][1].Contribution, 5);

        // Record 1 sits at both baselines: nothing to explain.
        Assert.Empty(explained[1]);
        Assert.Equal(2 + 2 * 2, model.RowsScored); // the real call plus one call on records x features substituted rows
    }

    [Fact]
    public void Explain_LowerThanBaseline_NegativeContribution()
    {
        var model = new LinearTestModel();
        float[] rows = [20, 0];

        var contribution = Assert.Single(FeatureAttribution.Explain(model, rows, 1, model.ScoreEncoded(rows, 1))[0]);

        Assert.Equal("age", contribution.Feature);
        Assert.Equal(-0.3, contribution.Contribution, 5);
    }
}
