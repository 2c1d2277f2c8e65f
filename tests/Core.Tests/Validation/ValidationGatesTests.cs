using Serverless.Core.Models;
using Serverless.Core.Tests.Scoring.TestModels;
using Serverless.Core.Validation;

namespace Serverless.Core.Tests.Validation;

public class ValidationGatesTests
{
    private static readonly ValidationPolicy Policy = new()
    {
        Minimums = new() { ["auc"] = 0.6, ["accuracy"] = 0.5 },
        Maximums = new() { ["logLoss"] = 0.7 },
        Tolerance = 0.01,
        LatencyBudget = TimeSpan.FromMilliseconds(5),
        MinScoreSpread = 0.05,
    };

    [Fact]
    public void CheckMinimums_AllWithinBounds_PassesNamingThem()
    {
        var gate = ValidationGates.CheckMinimums(new Dictionary<string, double> { ["auc"] = 0.81, ["accuracy"] = 0.7, ["logLoss"] = 0.4, ["rows"] = 100 }, Policy);

        Assert.True(gate.Passed);
        Assert.Equal("auc 0.81 >= 0.6; accuracy 0.7 >= 0.5; logLoss 0.4 <= 0.7", gate.Detail);
    }

    [Fact]
    public void CheckMinimums_ShuffledLabelsAuc_FailsNamingOnlyTheFailure()
    {
        var gate = ValidationGates.CheckMinimums(new Dictionary<string, double> { ["auc"] = 0.5, ["accuracy"] = 0.7 }, Policy);

        Assert.False(gate.Passed);
        Assert.Equal("auc 0.5 not >= 0.6", gate.Detail);
    }

    [Fact]
    public void CheckMinimums_NoneOfThePolicysMetrics_Fails()
    {
        Assert.False(ValidationGates.CheckMinimums(new Dictionary<string, double> { ["rows"] = 10 }, Policy).Passed);
    }

    [Fact]
    public void CheckRegression_WithinTolerance_Passes()
    {
        var gate = ValidationGates.CheckRegression([new("auc", 0.795, 0.8), new("logLoss", 0.405, 0.4)], 3, Policy);

        Assert.True(gate.Passed, gate.Detail);
        Assert.StartsWith("against v3, tolerance 0.01:", gate.Detail);
    }

    [Theory]
    [InlineData("auc", 0.78, 0.8)]
    [InlineData("rmse", 2.2, 2.0)]
    public void CheckRegression_WorseBeyondTolerance_Fails(string metric, double candidate, double champion)
    {
        var gate = ValidationGates.CheckRegression([new(metric, candidate, champion)], 3, Policy);

        Assert.False(gate.Passed);
        Assert.Contains($"{metric} {candidate} vs {champion}", gate.Detail);
    }

    [Fact]
    public void CheckRegression_BinaryCandidateWorseOnlyAtTheHalfCut_PassesOnAucAndLogLoss()
    {
        // A better ranker, calibrated lower: fewer rows cross 0.5, so recall and accuracy drop while AUC and log loss improve.
        var gate = ValidationGates.CheckRegression(
            [new("auc", 0.86, 0.84), new("logLoss", 0.33, 0.35), new("recall", 0.41, 0.55), new("accuracy", 0.84, 0.85), new("f1", 0.5, 0.56)], 3, Policy, "champion v3 re-scored");

        Assert.True(gate.Passed, gate.Detail);
        Assert.Equal("against champion v3 re-scored, tolerance 0.01: auc 0.86 vs 0.84; logLoss 0.33 vs 0.35", gate.Detail);
    }

    [Fact]
    public void CheckRegression_MulticlassAccuracy_IsGated()
    {
        Assert.False(ValidationGates.CheckRegression([new("accuracy", 0.7, 0.8), new("macroF1", 0.7, 0.7)], 3, Policy).Passed);
    }

    [Fact]
    public void NotComparable_SchemaGatePassed_FailsWithTheReason_SchemaGateFailed_PointsThere()
    {
        var alone = ValidationGates.NotComparable(3, "its classes (a, b) are not the holdout's (0, 1)", schemaPassed: true);
        var behindSchema = ValidationGates.NotComparable(3, "400 of 400 holdout rows do not encode", schemaPassed: false);

        Assert.Equal((false, "champion v3 could not score the candidate's holdout: its classes (a, b) are not the holdout's (0, 1)"), (alone.Passed, alone.Detail));
        Assert.Equal((true, "not compared: champion v3 cannot score the candidate's holdout; see schema compatibility"), (behindSchema.Passed, behindSchema.Detail));
    }

    [Fact]
    public void CheckRegression_NoChampion_PassesAndNoCommonMetric_Fails()
    {
        Assert.True(ValidationGates.CheckRegression([new("auc", 0.5, null)], null, Policy).Passed);
        Assert.False(ValidationGates.CheckRegression([new("auc", 0.9, null)], 2, Policy).Passed);
    }

    [Fact]
    public void CheckLatency_OverBudget_Fails()
    {
        Assert.True(ValidationGates.CheckLatency(TimeSpan.FromMilliseconds(1), Policy).Passed);
        var gate = ValidationGates.CheckLatency(TimeSpan.FromMilliseconds(7.5), Policy);
        Assert.False(gate.Passed);
        Assert.Equal("single-row p95 7.5 ms, budget 5 ms", gate.Detail);
    }

    [Fact]
    public void CheckSchema_CandidateRequiresANewField_Fails()
    {
        var champion = Manifest(new FeatureDefinition("x0", FeatureKind.Numeric, Required: true), new FeatureDefinition("x1", FeatureKind.Numeric));
        var candidate = Manifest(new FeatureDefinition("x0", FeatureKind.Numeric, Required: true), new FeatureDefinition("x1", FeatureKind.Numeric, Required: true));

        var gate = ValidationGates.CheckSchema(candidate, champion);

        Assert.False(gate.Passed);
        Assert.Equal("newly requires x1", gate.Detail);
        Assert.True(ValidationGates.CheckSchema(champion, champion).Passed);
        Assert.True(ValidationGates.CheckSchema(candidate, null).Passed);
    }

    [Fact]
    public void CheckSchema_KindChanged_Fails()
    {
        var champion = Manifest(new FeatureDefinition("x0", FeatureKind.Numeric, Required: true), new FeatureDefinition("x1", FeatureKind.Numeric));
        var candidate = Manifest(new FeatureDefinition("x0", FeatureKind.Numeric, Required: true), new FeatureDefinition("x1", FeatureKind.Categorical, ["a"]));

        Assert.Equal("x1 Numeric -> Categorical", ValidationGates.CheckSchema(candidate, champion).Detail);
    }

    [Fact]
    public void CheckOutputs_CollapsedOrInvalid_Fails()
    {
        Assert.True(ValidationGates.CheckOutputs([0.1, 0.9, 0.5, 0.3], 0, Policy).Passed);
        Assert.False(ValidationGates.CheckOutputs([0.7, 0.7, 0.7, 0.7], 0, Policy).Passed);
        Assert.False(ValidationGates.CheckOutputs([0.1, 0.9], 1, Policy).Passed);
    }

    private static ModelManifest Manifest(params FeatureDefinition[] features) =>
        TestManifests.For("m", 1, TestOnnxModels.Classifier(), ModelTask.Classification, new FeatureSchema("features", features), ["0", "1"]);
}
