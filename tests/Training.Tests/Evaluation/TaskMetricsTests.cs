using Serverless.Training.Evaluation;

namespace Serverless.Training.Tests.Evaluation;

public class TaskMetricsTests
{
    [Fact]
    public void Multiclass_KnownConfusion_AccuracyMacroF1LogLossAndCounts()
    {
        int[] actual = [0, 0, 1, 2];
        int[] predicted = [0, 1, 1, 2];
        float[] probabilities = [0.8f, 0.1f, 0.1f, 0.4f, 0.5f, 0.1f, 0.2f, 0.7f, 0.1f, 0.1f, 0.1f, 0.8f];

        var metrics = MulticlassMetrics.Compute(actual, predicted, probabilities, ["a", "b", "c"]);

        Assert.Equal(0.75, metrics["accuracy"], 12);
        // F1: a = 2*1/(1+2) = 2/3, b = 2*1/(2+1) = 2/3, c = 1.
        Assert.Equal((2 / 3.0 + 2 / 3.0 + 1) / 3, metrics["macroF1"], 12);
        Assert.Equal(-(Math.Log(0.8) + Math.Log(0.4) + Math.Log(0.7) + Math.Log(0.8)) / 4, metrics["logLoss"], 6);
        Assert.Equal(1, metrics["confusion[a][b]"]);
        Assert.Equal(0, metrics["confusion[b][a]"]);
    }

    [Fact]
    public void Regression_KnownErrors_RmseMaeR2()
    {
        var metrics = RegressionMetrics.Compute([1f, 2f, 3f, 4f], [1f, 2f, 3f, 6f]);

        Assert.Equal(1, metrics["rmse"], 12);
        Assert.Equal(0.5, metrics["mae"], 12);
        Assert.Equal(1 - 4 / 5.0, metrics["r2"], 12);
    }
}
