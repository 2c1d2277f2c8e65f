using System.Text.Json;
using Serverless.Core.Models;
using Serverless.Core.Monitoring;
using Serverless.Core.Scoring;
using Serverless.Core.Serialization;
using Serverless.Core.Tests.Scoring.TestModels;

namespace Serverless.Core.Tests.Monitoring;

/// <summary>
/// The recorder counts a request of a few records as a list of indices and a larger one as per-bin counts merged once
/// (RowStatistics, CountIndices, CountBins): both must give exactly the numbers one call per record gives.
/// </summary>
public class RowCountingTests
{
    private readonly ManualTimeProvider _time = new();

    public enum Outputs
    {
        Probabilities,
        Values,
        LabelsOnly,
    }

    [Theory]
    [InlineData(Outputs.Probabilities)]
    [InlineData(Outputs.Values)]
    [InlineData(Outputs.LabelsOnly)]
    public void RecordScored_ManyRecordsInOneCall_SameCountsAsOneCallPerRecord(Outputs outputs)
    {
        var manifest = MonitoringTestData.Manifest();
        var (features, predictions) = Rows(40, outputs);
        var batched = MonitoringTestData.Recorder(_time);
        var single = MonitoringTestData.Recorder(_time);

        batched.RecordScored(manifest, ScoringEndpoints.Records, features, predictions.Rows, predictions, new ScoringTimings(TimeSpan.FromMilliseconds(1)));
        for (var r = 0; r < predictions.Rows; r++)
        {
            single.RecordScored(manifest, ScoringEndpoints.Records, features.AsSpan(2 * r, 2), 1, Row(predictions, r), new ScoringTimings(TimeSpan.FromMilliseconds(1)));
        }

        Assert.Equal(0, batched.Failures + single.Failures);
        var one = batched.Recent("churn", 1)!;
        var many = single.Recent("churn", 1)!;
        Assert.Equal(40, one.Records);
        Assert.Equal(Json(many.Features), Json(one.Features));
        Assert.Equal(Json(many.Scores), Json(one.Scores));
        Assert.Equal(Json(many.Classes), Json(one.Classes));
        Assert.Equal(many.InvalidOutputs, one.InvalidOutputs);
        Assert.Equal(Assert.Single(single.Monitors).Totals, Assert.Single(batched.Monitors).Totals); // what the instruments read
        if (outputs != Outputs.LabelsOnly)
        {
            Assert.True(one.Features["age"].Missing > 0 && one.Features["age"].AboveRange > 0 && one.Features["age"].BelowRange > 0);
            Assert.True(one.InvalidOutputs > 0);
        }
    }

    [Theory]
    [InlineData(1)] // a list of indices on the stack
    [InlineData(2)] // a list of indices longer than the stack buffer: rented
    [InlineData(3)] // per-bin counts longer than the stack buffer: rented
    [InlineData(40)]
    public void RecordScored_WideModel_SameCountsAsOneCallPerRecord(int rows)
    {
        // 100 numeric features with training edges: a layout of 100 x (3 bins + 3) + 2 score bins + 2 classes + 1 = 605 counts.
        var manifest = MonitoringTestData.Manifest() with
        {
            Features = new FeatureSchema("features",
                Enumerable.Range(0, 100).Select(f => new FeatureDefinition("f" + f, FeatureKind.Numeric)).ToList()),
            Statistics = Enumerable.Range(0, 100).Select(f => new FeatureHistogram("f" + f, [30, 50], [1, 1, 1], 0, 18, 90)).ToList(),
        };
        var features = new float[100 * rows];
        for (var i = 0; i < features.Length; i++)
        {
            features[i] = i % 13 == 0 ? float.NaN : (i * 7) % 100;
        }

        var predictions = new TabularPredictions(rows, null, Enumerable.Range(0, 2 * rows).Select(i => i % 2 == 0 ? 0.3f : 0.7f).ToArray(), ["0", "1"], null);
        var batched = MonitoringTestData.Recorder(_time);
        var single = MonitoringTestData.Recorder(_time);

        batched.RecordScored(manifest, ScoringEndpoints.Records, features, rows, predictions, new ScoringTimings(TimeSpan.FromMilliseconds(1)));
        for (var r = 0; r < rows; r++)
        {
            single.RecordScored(manifest, ScoringEndpoints.Records, features.AsSpan(100 * r, 100), 1, Row(predictions, r), new ScoringTimings(TimeSpan.FromMilliseconds(1)));
        }

        Assert.Equal(0, batched.Failures + single.Failures);
        Assert.Equal(605, Assert.Single(batched.Monitors).Layout.Size);
        Assert.Equal(Assert.Single(single.Monitors).Totals, Assert.Single(batched.Monitors).Totals);
        Assert.Equal(Json(single.Recent("churn", 1)!.Features), Json(batched.Recent("churn", 1)!.Features));
        Assert.Equal(rows, batched.Recent("churn", 1)!.Features["f0"].Rows);
    }

    [Fact]
    public void BinOf_ArrayAndOtherLists_SameBins()
    {
        double[] edges = [-1, 0, 0.5, 2, 10];
        var list = new List<double>(edges);
        foreach (var value in new[] { double.NegativeInfinity, -5, -1, -0.5, 0, 0.25, 0.5, 1, 2, 9.99, 10, 11, double.PositiveInfinity, double.NaN })
        {
            var expected = list.Count(edge => edge <= value); // the definition: the number of edges at or below the value
            Assert.Equal(expected, FixedHistogram.BinOf(list, value));
            Assert.Equal(expected, FixedHistogram.BinOf((IReadOnlyList<double>)edges, value));
            Assert.Equal(expected, FixedHistogram.BinOf(edges.AsSpan(), value));
        }
    }

    /// <summary>
    /// Rows of (age, plan) cycling through in range, below and above the training range, missing, and a plan index past
    /// the categories (clamped); outputs with a NaN every seventh row.
    /// </summary>
    private static (float[] Features, TabularPredictions Predictions) Rows(int rows, Outputs outputs)
    {
        float[] ages = [20, 35, 60, 95, 10, float.NaN, 50, 30];
        float[] plans = [0, 1, 1, 0, float.NaN, 5, 0];
        var features = new float[2 * rows];
        var probabilities = new float[2 * rows];
        var values = new float[rows];
        var labels = new string[rows];
        for (var r = 0; r < rows; r++)
        {
            features[2 * r] = ages[r % ages.Length];
            features[2 * r + 1] = plans[r % plans.Length];
            var p = r % 7 == 6 ? float.NaN : (r % 10) / 10f;
            probabilities[2 * r] = 1 - p;
            probabilities[2 * r + 1] = p;
            values[r] = p;
            labels[r] = r % 3 == 0 ? "1" : r % 3 == 1 ? "0" : "unknown";
        }

        return (features, outputs switch
        {
            Outputs.Probabilities => new TabularPredictions(rows, labels, probabilities, ["0", "1"], null),
            Outputs.Values => new TabularPredictions(rows, null, null, null, values),
            _ => new TabularPredictions(rows, labels, null, null, null),
        });
    }

    private static TabularPredictions Row(TabularPredictions all, int r) => new(
        1, all.Labels is { } labels ? [labels[r]] : null, all.Probabilities is { } p ? p.AsSpan(2 * r, 2).ToArray() : null, all.ClassLabels,
        all.Values is { } values ? [values[r]] : null);

    private static string Json<T>(T value) => JsonSerializer.Serialize(value, JsonDefaults.Options);
}
