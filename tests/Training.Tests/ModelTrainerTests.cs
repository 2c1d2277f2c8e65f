using System.Security.Cryptography;
using Serverless.Core.Models;
using Serverless.Training.Synthetic;
using Xunit.Abstractions;

namespace Serverless.Training.Tests;

public class ModelTrainerTests(SyntheticModelFixture fixture, ITestOutputHelper output) : IClassFixture<SyntheticModelFixture>
{
    [Fact]
    public void Train_Synthetic_HoldoutAucAbove075AndAllMetricsReported()
    {
        var metrics = fixture.Result.Metrics;
        output.WriteLine(string.Join(", ", metrics.Select(m => $"{m.Key}={m.Value:G4}")));

        Assert.True(metrics["auc"] > 0.75, $"auc {metrics["auc"]}");
        foreach (var name in new[] { "accuracy", "precision", "recall", "f1", "calibrationError" })
        {
            Assert.InRange(metrics[name], 0, 1);
        }

        Assert.InRange(metrics["logLoss"], 0.1, 0.69);
        Assert.Equal(10_000, metrics["trainRows"]);
        Assert.Equal(2_500, metrics["holdoutRows"]);
    }

    [Fact]
    public void Train_Synthetic_SchemaHasEveryColumnButIdAndLabel()
    {
        var schema = fixture.Result.Schema;

        Assert.Equal(SyntheticChurnGenerator.Columns.Skip(1).SkipLast(1), schema.Features.Select(f => f.Name));
        Assert.Equal(SyntheticChurnGenerator.Contracts.Order(StringComparer.Ordinal), schema.Features.Single(f => f.Name == "contract").Categories);
        Assert.Equal(FeatureKind.Numeric, schema.Features.Single(f => f.Name == "total_charges").Kind);
        Assert.Equal(["0", "1"], fixture.Result.ClassLabels);
    }

    [Fact]
    public void Train_Synthetic_StatisticsCountsPlusMissingEqualTrainRows()
    {
        var statistics = fixture.Result.Statistics;

        Assert.Equal(fixture.Result.Schema.Features.Select(f => f.Name), statistics.Select(s => s.Name));
        Assert.All(statistics, s => Assert.Equal(10_000, s.Counts.Sum() + s.Missing));
        Assert.InRange(statistics.Single(s => s.Name == "age").Missing, 300, 700);
        Assert.Equal(0, statistics.Single(s => s.Name == "tenure_months").Missing);
        Assert.InRange(statistics.Single(s => s.Name == "monthly_charges").BinEdges.Count, 8, 9);
    }

    [Fact]
    public void Train_Synthetic_ScoreHistogramCoversEveryHoldoutRow()
    {
        var score = fixture.Result.ScoreHistogram;

        Assert.Equal(fixture.Result.Metrics["holdoutRows"], score.Counts.Sum() + score.Missing);
        Assert.InRange(score.Min!.Value, 0, score.Max!.Value);
        Assert.InRange(score.Max.Value, 0, 1);
    }

    [Fact]
    public void Train_Synthetic_LineageIdentifiesDataTrainerAndCode()
    {
        var lineage = fixture.Result.Lineage;

        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(fixture.TrainCsv))), lineage.TrainingDataSha256);
        Assert.Equal(new Uri(fixture.TrainCsv).AbsoluteUri, lineage.TrainingDataUri);
        Assert.Equal("ML.NET LightGbm 5.0.1", lineage.Trainer);
        Assert.Equal("100", lineage.Parameters["numberOfTrees"]);
        Assert.Equal("42", lineage.Parameters["seed"]);
        Assert.False(string.IsNullOrEmpty(lineage.CodeVersion));
    }

    [Fact]
    public void Train_SameRequestTwice_SameOnnxBytes()
    {
        var again = new ModelTrainer().Train(fixture.Request);

        Assert.Equal(fixture.Result.Onnx, again.Onnx);
    }

    [Fact]
    public void Train_NoLabelColumn_ErrorNamesLabelAndHeader()
    {
        var error = Assert.Throws<TrainingDataException>(() => new ModelTrainer().Train(fixture.Request with { LabelColumn = "exited" }));

        Assert.Contains("Label column 'exited' is not in the header", error.Message);
        Assert.Contains("customer_id, tenure_months", error.Message);
    }

    [Fact]
    public void Train_NonBinaryLabel_ErrorNamesLineAndValue()
    {
        using var directory = new TempDirectory();
        var path = directory.Write("bad.csv", "x,y\n1,0\n2,1\n3,maybe\n");

        var error = Assert.Throws<TrainingDataException>(() => new ModelTrainer().Train(new TrainingRequest { CsvPath = path, LabelColumn = "y" }));

        Assert.Contains("Line 4", error.Message);
        Assert.Contains("'maybe'", error.Message);
    }

    [Fact]
    public void Train_SingleClassLabel_ErrorSaysBothClassesNeeded()
    {
        using var directory = new TempDirectory();
        var path = directory.Write("one.csv", "x,y\n1,no\n2,NO\n3,false\n");

        var error = Assert.Throws<TrainingDataException>(() => new ModelTrainer().Train(new TrainingRequest { CsvPath = path, LabelColumn = "y" }));

        Assert.Contains("only negative values", error.Message);
    }

    [Fact]
    public void Train_TextLabels_YesNoTrueFalseAccepted()
    {
        using var directory = new TempDirectory();
        var random = new Random(2);
        var lines = Enumerable.Range(0, 400).Select(i =>
        {
            var x = random.NextDouble();
            var positive = random.NextDouble() < x;
            return FormattableString.Invariant($"{x:F3},{(i % 2 == 0 ? (positive ? "Yes" : "no") : (positive ? "TRUE" : "false"))}");
        });
        var path = directory.Write("text.csv", "x,y\n" + string.Join('\n', lines));

        var result = new ModelTrainer().Train(new TrainingRequest { CsvPath = path, LabelColumn = "y", NumberOfTrees = 10, MinimumExamplesPerLeaf = 5 });

        Assert.Equal(320, result.Metrics["trainRows"]);
        Assert.True(result.Metrics["auc"] > 0.6, $"auc {result.Metrics["auc"]}");
    }

    [Fact]
    public void Train_EmptyFile_ErrorSaysEmpty()
    {
        using var directory = new TempDirectory();
        var path = directory.Write("empty.csv", "");

        var error = Assert.Throws<TrainingDataException>(() => new ModelTrainer().Train(new TrainingRequest { CsvPath = path, LabelColumn = "y" }));

        Assert.Contains("is empty", error.Message);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(1.0)]
    public void Train_HoldoutFractionOutOfRange_ErrorNamesSetting(double fraction)
    {
        var error = Assert.Throws<TrainingDataException>(() => new ModelTrainer().Train(fixture.Request with { HoldoutFraction = fraction }));

        Assert.Contains("HoldoutFraction", error.Message);
    }

    [Fact]
    public void Train_LabelAlsoIgnored_Error()
    {
        var error = Assert.Throws<TrainingDataException>(() => new ModelTrainer().Train(fixture.Request with { IgnoreColumns = ["churn"] }));

        Assert.Contains("cannot also be ignored", error.Message);
    }
}
