using Serverless.Core.Models;
using Serverless.Testing;
using Serverless.Training.Spec;
using Xunit.Abstractions;

namespace Serverless.Training.Tests.Onnx;

public class OnnxParityTests(SyntheticModelFixture fixture, ITestOutputHelper output) : IClassFixture<SyntheticModelFixture>
{
    [Fact]
    public void Export_SyntheticWithMissingValues_OnnxMatchesMlNet()
    {
        var rows = fixture.ScoringRows;
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
        rows.AddRange(fixture.ScoringRows.Take(500).Select((r, i) => r.Select((v, f) => f == i % width ? float.NaN : v).ToArray()));

        ParityAssert.Equal(fixture.Result, rows);
    }

    [Fact]
    public void Export_FastTreeOnSynthetic_OnnxMatchesMlNet()
    {
        var result = TestTraining.Train(fixture.Spec with { Trainer = new TrainerSpec { Name = TrainerKind.FastTree } });

        var maxDiff = ParityAssert.Equal(result, fixture.ScoringRows);
        output.WriteLine($"synthetic FastTree: max diff {maxDiff:E3}, auc {result.Metrics["auc"]:F4}");
    }

    [Theory]
    [InlineData(TrainerKind.LightGbm)]
    [InlineData(TrainerKind.FastTree)]
    public void Export_BankChurn_OnnxMatchesMlNet(TrainerKind trainer)
    {
        var spec = TestTraining.Csv(RepositoryPaths.BankChurnCsv, "churn", TrainingTask.Binary, "customer_id") with { Trainer = new TrainerSpec { Name = trainer } };
        var result = TestTraining.Train(spec);
        var rows = TestTraining.Rows(result, RepositoryPaths.BankChurnCsv);
        Assert.Equal(10_000, rows.Length);
        Assert.Equal(FeatureKind.Categorical, result.Schema.Features.Single(f => f.Name == "country").Kind);

        var maxDiff = ParityAssert.Equal(result, rows);
        output.WriteLine($"bank-churn {trainer}: max diff {maxDiff:E3}, auc {result.Metrics["auc"]:F4}");
        Assert.True(result.Metrics["auc"] > 0.8, $"auc {result.Metrics["auc"]}");
    }

    [Fact]
    public void Export_IrisMulticlassTsvWithBomAndHashLabel_OnnxMatchesMlNet()
    {
        var spec = TestTraining.Csv(RepositoryPaths.IrisTsv, "#Label", TrainingTask.Multiclass) with
        {
            Trainer = new TrainerSpec { Trees = 30, MinExamplesPerLeaf = 5, Leaves = 8 },
        };
        var result = TestTraining.Train(spec);
        var rows = TestTraining.Rows(result, RepositoryPaths.IrisTsv);

        Assert.Equal(["0", "1", "2"], result.ClassLabels);
        Assert.Equal(["Sepal length", "Sepal width", "Petal length", "Petal width"], result.Schema.Features.Select(f => f.Name));
        Assert.Equal(150, rows.Length);
        var maxDiff = ParityAssert.Equal(result, rows);
        output.WriteLine(string.Join(", ", result.Metrics.Select(m => $"{m.Key}={m.Value:G4}")));
        output.WriteLine($"iris: max diff {maxDiff:E3}, accuracy {result.Metrics["accuracy"]:F4}, macroF1 {result.Metrics["macroF1"]:F4}");
        Assert.True(result.Metrics["accuracy"] > 0.85, $"accuracy {result.Metrics["accuracy"]}");
        Assert.Equal(30, result.Metrics["holdoutRows"]);
        Assert.Equal(30, Enumerable.Range(0, 3).SelectMany(a => Enumerable.Range(0, 3).Select(p => result.Metrics[$"confusion[{a}][{p}]"])).Sum());
    }

    [Theory]
    [InlineData(TrainerKind.LightGbm)]
    [InlineData(TrainerKind.FastTree)]
    public void Export_TaxiFareRegression_OnnxMatchesMlNet(TrainerKind trainer)
    {
        var spec = TestTraining.Csv(RepositoryPaths.TaxiFareCsv, "fare_amount", TrainingTask.Regression) with
        {
            Trainer = new TrainerSpec { Name = trainer, Trees = 50 },
        };
        var result = TestTraining.Train(spec);
        var rows = TestTraining.Rows(result, RepositoryPaths.TaxiFareCsv);

        Assert.Equal(ModelTask.Regression, result.Task);
        Assert.Null(result.ClassLabels);
        Assert.Equal(100_000, rows.Length);
        Assert.Equal(FeatureKind.Categorical, result.Schema.Features.Single(f => f.Name == "payment_type").Kind);
        var maxDiff = ParityAssert.Equal(result, rows);
        output.WriteLine($"taxi {trainer}: max rel diff {maxDiff:E3}, rmse {result.Metrics["rmse"]:F3}, r2 {result.Metrics["r2"]:F4}");
        Assert.True(result.Metrics["r2"] > 0.8, $"r2 {result.Metrics["r2"]}");
    }

    [Fact]
    public void Export_QuirkyCsvWithTextLabel_OnnxMatchesMlNet()
    {
        using var directory = new TempDirectory();
        var path = directory.Write("census.csv", QuirkyData.Csv(3_000, seed: 5));
        var spec = TestTraining.Csv(path, QuirkyData.Label, TrainingTask.Binary, "id") with { PositiveClass = QuirkyData.Positive };

        var result = TestTraining.Train(spec);
        var rows = TestTraining.Rows(result, path);

        Assert.Equal(["<=50K", ">50K"], result.ClassLabels);
        Assert.Equal(new[] { "private", "self-emp", "gov" }.Order(StringComparer.Ordinal), result.Schema.Features.Single(f => f.Name == "workclass").Categories);
        Assert.Equal(["Austin, TX", "Lyon, FR", "Paris, FR", "Porto"], result.Schema.Features.Single(f => f.Name == "city").Categories);
        Assert.Equal(FeatureKind.Boolean, result.Schema.Features.Single(f => f.Name == "married").Kind);
        Assert.Contains(rows, r => float.IsNaN(r[0]));
        var maxDiff = ParityAssert.Equal(result, rows);
        output.WriteLine($"quirky: max diff {maxDiff:E3}, auc {result.Metrics["auc"]:F4}");
        Assert.True(result.Metrics["auc"] > 0.7, $"auc {result.Metrics["auc"]}");
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
        var result = TestTraining.Train(TestTraining.Csv(path, "y") with { Trainer = new TrainerSpec { Trees = 1 } });
        var rows = Enumerable.Range(0, 101).Select(i => new[] { i / 100f }).Append([float.NaN]).ToList();

        var model = result.Model!;
        Assert.All(model.Ensembles[0].Trees[0].LeafValues, v => Assert.InRange(v * -model.Platt!.Value.Slope, 1e-6, 0.5));
        ParityAssert.Equal(result, rows);
        Assert.All(OnnxScorer.Classify(result.Onnx, rows).Labels, label => Assert.Equal("1", label));
    }
}
