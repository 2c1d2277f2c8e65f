namespace Serverless.Training.Tests.Onnx;

/// <summary>Checks that ONNX Runtime reproduces ML.NET on the same encoded rows.</summary>
internal static class ParityAssert
{
    public const double Tolerance = 1e-5;

    /// <summary>Asserts probabilities within <see cref="Tolerance"/> and equal labels; returns the max difference.</summary>
    public static double Equal(TrainingResult result, IReadOnlyList<float[]> rows)
    {
        var expected = result.Classifier!.Predict(rows);
        var (labels, probabilities) = OnnxScorer.Run(result.Onnx, rows);
        Assert.Equal(rows.Count, labels.Length);
        Assert.Equal(rows.Count * 2, probabilities.Length);
        double maxDiff = 0;
        var labelMismatches = 0;
        for (var i = 0; i < rows.Count; i++)
        {
            maxDiff = Math.Max(maxDiff, Math.Abs(probabilities[2 * i + 1] - expected.Probabilities[i]));
            maxDiff = Math.Max(maxDiff, Math.Abs(probabilities[2 * i] - (1 - expected.Probabilities[i])));
            // A score within float rounding of the 0 threshold may fall either way; none does in practice.
            if (labels[i] != (expected.Labels[i] ? 1 : 0) && Math.Abs(expected.Scores[i]) > 1e-5)
            {
                labelMismatches++;
            }
        }

        Assert.True(maxDiff <= Tolerance, $"max |p_onnx - p_mlnet| = {maxDiff:E3} over {rows.Count} rows");
        Assert.Equal(0, labelMismatches);
        return maxDiff;
    }
}
