using Serverless.Core.Models;

namespace Serverless.Training.Tests.Onnx;

/// <summary>Checks that ONNX Runtime reproduces ML.NET on the same encoded rows, for every task.</summary>
internal static class ParityAssert
{
    public const double Tolerance = 1e-5;

    /// <summary>
    /// Classification: probabilities within <see cref="Tolerance"/> and equal labels; regression: values within
    /// <see cref="Tolerance"/> relative to max(1, |value|) (float's own precision at fares of 100 is ~1e-5). Returns the max difference.
    /// </summary>
    public static double Equal(TrainingResult result, IReadOnlyList<float[]> rows)
    {
        var expected = result.Model!.Predict(rows);
        double maxDiff = 0;
        if (result.Task == ModelTask.Regression)
        {
            var values = OnnxScorer.Regress(result.Onnx, rows);
            Assert.Equal(rows.Count, values.Length);
            for (var i = 0; i < rows.Count; i++)
            {
                maxDiff = Math.Max(maxDiff, Math.Abs(values[i] - expected.Scores![i]) / Math.Max(1, Math.Abs(expected.Scores[i])));
            }

            Assert.True(maxDiff <= Tolerance, $"max |v_onnx - v_mlnet| / max(1, |v|) = {maxDiff:E3} over {rows.Count} rows");
            return maxDiff;
        }

        var classes = result.ClassLabels!;
        var (labels, probabilities) = OnnxScorer.Classify(result.Onnx, rows);
        Assert.Equal(rows.Count, labels.Length);
        Assert.Equal(rows.Count * classes.Count, probabilities.Length);
        var labelMismatches = 0;
        for (var i = 0; i < rows.Count; i++)
        {
            for (var c = 0; c < classes.Count; c++)
            {
                maxDiff = Math.Max(maxDiff, Math.Abs(probabilities[i * classes.Count + c] - expected.Probabilities![i * classes.Count + c]));
            }

            // A binary score within float rounding of the 0 threshold may fall either way; none does in practice.
            var nearTie = classes.Count == 2 && Math.Abs(expected.Scores![i]) <= 1e-5;
            if (labels[i] != classes[expected.Labels![i]] && !nearTie)
            {
                labelMismatches++;
            }
        }

        Assert.True(maxDiff <= Tolerance, $"max |p_onnx - p_mlnet| = {maxDiff:E3} over {rows.Count} rows");
        Assert.Equal(0, labelMismatches);
        return maxDiff;
    }
}
