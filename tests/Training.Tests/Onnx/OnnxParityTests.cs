using Serverless.Core.Models;
using Serverless.Testing;
using Serverless.Training.Data;
using Xunit.Abstractions;

namespace Serverless.Training.Tests.Onnx;

public class OnnxParityTests(SyntheticModelFixture fixture, ITestOutputHelper output) : IClassFixture<SyntheticModelFixture>
{
    [Fact]
    public void Export_SyntheticWithMissingValues_OnnxMatchesMlNet()
    {
        var rows = fixture.ScoringRows.Features;
        Assert.Equal(10_000, rows.Length);
        Assert.Contains(rows, r => r.Any(float.IsNaN));

        var maxDiff = ParityAssert.Equal(fixture.Result, rows);
        output.WriteLine($"synthetic LightGbm: max diff {maxDiff:E3}");
    }

    [Fact]
    public void Export_AllFeaturesMissing_OnnxMatchesMlNet()
    {
        // Every split sees NaN: exercises each node's missing-value direction at once.
        var width = fixture.Result.Schema.Features.Count;
        var rows = new List<float[]> { Enumerable.Repeat(float.NaN, width).ToArray() };
        rows.AddRange(fixture.ScoringRows.Features.Take(500).Select((r, i) => r.Select((v, f) => f == i % width ? float.NaN : v).ToArray()));

        ParityAssert.Equal(fixture.Result, rows);
    }

    [Fact]
    public void Export_FastTreeOnSynthetic_OnnxMatchesMlNet()
    {
        var result = new ModelTrainer().Train(fixture.Request with { Trainer = TrainerKind.FastTree });

        var maxDiff = ParityAssert.Equal(result, fixture.ScoringRows.Features);
        output.WriteLine($"synthetic FastTree: max diff {maxDiff:E3}, auc {result.Metrics["auc"]:F4}");
    }

    [Theory]
    [InlineData(TrainerKind.LightGbm)]
    [InlineData(TrainerKind.FastTree)]
    public void Export_BankChurn_OnnxMatchesMlNet(TrainerKind trainer)
    {
        var request = new TrainingRequest
        {
            CsvPath = RepositoryPaths.BankChurnCsv,
            LabelColumn = "churn",
            IgnoreColumns = ["customer_id"],
            CategoricalColumns = ["country", "gender"],
            Trainer = trainer,
        };
        var result = new ModelTrainer().Train(request);
        var rows = EncodedDataset.Encode(CsvParser.ReadFile(request.CsvPath), new FeatureEncoder(result.Schema), "churn").Features;
        Assert.Equal(10_000, rows.Length);

        var maxDiff = ParityAssert.Equal(result, rows);
        output.WriteLine($"bank-churn {trainer}: max diff {maxDiff:E3}, auc {result.Metrics["auc"]:F4}");
    }

    [Fact]
    public void Export_OneTreeOnMostlyPositiveData_LabelsFollowProbability()
    {
        // With one tree and 52-60% positives every leaf weight is positive but below 0.5: the case where ONNX Runtime
        // would threshold the label at 0.5 on the raw score instead of at probability 0.5.
        using var directory = new TempDirectory();
        var random = new Random(3);
        var lines = new List<string> { "x,y" };
        for (var i = 0; i < 2_000; i++)
        {
            var x = random.NextDouble();
            lines.Add(FormattableString.Invariant($"{x:F4},{(random.NextDouble() < 0.52 + 0.08 * x ? 1 : 0)}"));
        }

        var path = directory.Write("skewed.csv", string.Join('\n', lines));
        var result = new ModelTrainer().Train(new TrainingRequest { CsvPath = path, LabelColumn = "y", NumberOfTrees = 1 });
        var rows = Enumerable.Range(0, 101).Select(i => new[] { i / 100f }).Append([float.NaN]).ToList();

        Assert.All(result.Classifier!.Ensemble.Trees[0].LeafValues, v => Assert.InRange(v * -result.Classifier.Calibrator.Slope, 1e-6, 0.5));
        ParityAssert.Equal(result, rows);
        Assert.All(OnnxScorer.Run(result.Onnx, rows).Labels, label => Assert.Equal(1, label));
    }
}
