namespace Serverless.Training.Evaluation;

/// <summary>Holdout metrics of a regressor.</summary>
internal static class RegressionMetrics
{
    public const string Rmse = "rmse";
    public const string Mae = "mae";
    public const string R2 = "r2";

    /// <summary>Root mean squared error, mean absolute error, and R² = 1 - SSE / SST (0 when the holdout labels are all equal and the fit is not exact).</summary>
    public static Dictionary<string, double> Compute(float[] actual, float[] predicted)
    {
        double mean = actual.Average(a => (double)a), squared = 0, absolute = 0, total = 0;
        for (var i = 0; i < actual.Length; i++)
        {
            var error = (double)predicted[i] - actual[i];
            squared += error * error;
            absolute += Math.Abs(error);
            total += (actual[i] - mean) * (actual[i] - mean);
        }

        return new Dictionary<string, double>
        {
            [Rmse] = Math.Sqrt(squared / actual.Length),
            [Mae] = absolute / actual.Length,
            [R2] = total == 0 ? (squared == 0 ? 1 : 0) : 1 - squared / total,
        };
    }
}
