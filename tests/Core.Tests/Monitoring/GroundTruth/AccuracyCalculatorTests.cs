using Serverless.Core.Models;
using Serverless.Core.Monitoring.GroundTruth;

namespace Serverless.Core.Tests.Monitoring.GroundTruth;

public class AccuracyCalculatorTests
{
    private static LabelledPrediction Sample(string predicted, double score, string truth) =>
        new("m", 1, null, null, Guid.NewGuid().ToString("N"), 0, DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch, predicted, score, truth);

    [Fact]
    public void Compute_Binary_HandComputedAccuracyPrecisionRecallAuc()
    {
        // Scores with truth: 0.9 yes, 0.8 no, 0.7 yes, 0.4 yes, 0.3 no, 0.1 no; threshold 0.5 predicts yes for the first three.
        LabelledPrediction[] samples =
        [
            Sample("yes", 0.9, "yes"), Sample("yes", 0.8, "no"), Sample("yes", 0.7, "yes"),
            Sample("no", 0.4, "yes"), Sample("no", 0.3, "no"), Sample("no", 0.1, "no"),
        ];

        var metrics = AccuracyCalculator.Compute(samples, ModelTask.Classification, ["no", "yes"]);

        Assert.Equal(6, metrics.Samples);
        Assert.Equal(4.0 / 6, metrics.Accuracy!.Value, 12);
        Assert.Equal(2.0 / 3, metrics.Precision!.Value, 12); // TP 2, FP 1
        Assert.Equal(2.0 / 3, metrics.Recall!.Value, 12);    // TP 2, FN 1
        // Positive/negative pairs ordered correctly: (0.9: 3) + (0.7: 2) + (0.4: 2) = 7 of 9.
        Assert.Equal(7.0 / 9, metrics.Auc!.Value, 12);
        Assert.Equal("yes", metrics.PositiveClass);
        Assert.Null(metrics.Rmse);
    }

    [Fact]
    public void Auc_TiedScores_CountHalf()
    {
        // One positive and one negative at the same score, one positive above: pairs (high > neg) = 1, (tie) = 0.5.
        LabelledPrediction[] samples = [Sample("yes", 0.5, "yes"), Sample("yes", 0.5, "no"), Sample("yes", 0.9, "yes")];

        Assert.Equal(0.75, AccuracyCalculator.Auc(samples, "yes")!.Value, 12);
    }

    [Fact]
    public void Auc_OneClassOnly_IsNull()
    {
        Assert.Null(AccuracyCalculator.Auc([Sample("yes", 0.5, "yes"), Sample("no", 0.2, "yes")], "yes"));
    }

    [Fact]
    public void Compute_Multiclass_MacroAveragesAndNoAuc()
    {
        // Predicted/truth: a/a, a/b, b/b, c/c. Precision: a 1/2, b 1, c 1 -> 5/6. Recall: a 1, b 1/2, c 1 -> 5/6.
        LabelledPrediction[] samples = [Sample("a", 0.6, "a"), Sample("a", 0.5, "b"), Sample("b", 0.7, "b"), Sample("c", 0.9, "c")];

        var metrics = AccuracyCalculator.Compute(samples, ModelTask.Classification, ["a", "b", "c"]);

        Assert.Equal(0.75, metrics.Accuracy!.Value, 12);
        Assert.Equal(5.0 / 6, metrics.Precision!.Value, 12);
        Assert.Equal(5.0 / 6, metrics.Recall!.Value, 12);
        Assert.Null(metrics.Auc);
    }

    [Fact]
    public void Compute_Regression_RmseAndMae()
    {
        // Errors 1, -3, 0 -> RMSE sqrt(10/3), MAE 4/3.
        LabelledPrediction[] samples = [Sample("", 11, "10"), Sample("", 2, "5"), Sample("", 7.5, "7.5")];

        var metrics = AccuracyCalculator.Compute(samples, ModelTask.Regression, null);

        Assert.Equal(3, metrics.Samples);
        Assert.Equal(Math.Sqrt(10.0 / 3), metrics.Rmse!.Value, 12);
        Assert.Equal(4.0 / 3, metrics.Mae!.Value, 12);
        Assert.Null(metrics.Accuracy);
    }

    [Fact]
    public void Compute_NoSamples_ZeroAndNoMetrics()
    {
        var metrics = AccuracyCalculator.Compute([], ModelTask.Classification, ["no", "yes"]);

        Assert.Equal(new AccuracyMetrics(0), metrics);
    }
}
