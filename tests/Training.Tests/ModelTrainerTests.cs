using System.Security.Cryptography;
using Serverless.Core.Models;
using Serverless.Training.Spec;
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
        Assert.Equal(12_500, metrics["rows"]);
        Assert.Equal(10_000, metrics["trainRows"]);
        Assert.Equal(2_500, metrics["holdoutRows"]);
        Assert.Equal(0, metrics["skippedRows"]);
    }

    [Fact]
    public void Train_Synthetic_SchemaHasEveryColumnButIdAndLabel()
    {
        var schema = fixture.Result.Schema;

        Assert.Equal(SyntheticChurnGenerator.Columns.Skip(1).SkipLast(1), schema.Features.Select(f => f.Name));
        Assert.Equal(SyntheticChurnGenerator.Contracts.Order(StringComparer.Ordinal), schema.Features.Single(f => f.Name == "contract").Categories);
        Assert.Equal(FeatureKind.Numeric, schema.Features.Single(f => f.Name == "total_charges").Kind);
        Assert.Equal(["0", "1"], fixture.Result.ClassLabels);
        Assert.Equal(ModelTask.Classification, fixture.Result.Task);
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
    public void Train_Synthetic_LineageIdentifiesDataTrainerSpecAndCode()
    {
        var lineage = fixture.Result.Lineage;

        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(fixture.TrainCsv))), lineage.TrainingDataSha256);
        Assert.Equal(new Uri(fixture.TrainCsv).AbsoluteUri, lineage.TrainingDataUri);
        Assert.Equal("ML.NET LightGbm 5.0.1", lineage.Trainer);
        Assert.Equal("100", lineage.Parameters["trees"]);
        Assert.Equal("42", lineage.Parameters["seed"]);
        Assert.Equal("binary", lineage.Parameters["task"]);
        Assert.Equal(TrainingSpecReader.Write(fixture.Spec), lineage.Parameters["spec"]);
        Assert.Equal(TrainingSpecReader.Write(fixture.Spec), TrainingSpecReader.Write(TrainingSpecReader.Read(System.Text.Encoding.UTF8.GetBytes(lineage.Parameters["spec"]))));
        Assert.False(string.IsNullOrEmpty(lineage.CodeVersion));
    }

    [Fact]
    public void Train_SameSpecTwice_SameOnnxBytes()
    {
        Assert.Equal(fixture.Result.Onnx, TestTraining.Train(fixture.Spec).Onnx);
    }

    [Fact]
    public async Task Train_Progress_ReportsEveryStageInOrder()
    {
        var stages = new List<TrainingStage>();
        var spec = fixture.Spec with { Trainer = new TrainerSpec { Trees = 5 } };

        await new ModelTrainer().LoadAndTrainAsync(spec, null, null, new SyncProgress(stages.Add));

        Assert.Equal(["load", "read", "schema", "encode", "train", "export", "evaluate", "done"], stages.Select(s => s.Name));
        Assert.Equal(0, stages[0].Fraction);
        Assert.Equal(1, stages[^1].Fraction);
    }

    [Fact]
    public void Train_NoLabelColumn_ErrorNamesFieldAndHeader()
    {
        var error = Assert.Throws<TrainingDataException>(() => TestTraining.Train(fixture.Spec with { Label = "exited" }));

        Assert.Contains("'label' names column 'exited', which is not in the header", error.Message);
        Assert.Contains("customer_id, tenure_months", error.Message);
    }

    [Fact]
    public void Train_NonBinaryLabel_ErrorNamesValueAndOptions()
    {
        using var directory = new TempDirectory();
        var path = directory.Write("bad.csv", "x,y\n1,0\n2,1\n3,maybe\n");

        var error = Assert.Throws<TrainingDataException>(() => TestTraining.Train(TestTraining.Csv(path, "y")));

        Assert.Contains("'maybe'", error.Message);
        Assert.Contains("positiveClass", error.Message);
    }

    [Fact]
    public void Train_SingleClassLabel_ErrorSaysBothClassesNeeded()
    {
        using var directory = new TempDirectory();
        var path = directory.Write("one.csv", "x,y\n1,no\n2,NO\n3,false\n");

        var error = Assert.Throws<TrainingDataException>(() => TestTraining.Train(TestTraining.Csv(path, "y")));

        Assert.Contains("only negative values", error.Message);
    }

    [Fact]
    public void Train_AllLabelsMissing_ErrorSaysNoValues()
    {
        using var directory = new TempDirectory();
        var path = directory.Write("nolabel.csv", "x,y\n1,?\n2,\n3,NA\n");

        var error = Assert.Throws<TrainingDataException>(() => TestTraining.Train(TestTraining.Csv(path, "y")));

        Assert.Contains("Label column 'y' has no values", error.Message);
    }

    [Fact]
    public void Train_EmptyFile_ErrorSaysZeroBytes()
    {
        using var directory = new TempDirectory();
        var path = directory.Write("empty.csv", "");

        var error = Assert.Throws<TrainingDataException>(() => TestTraining.Train(TestTraining.Csv(path, "y")));

        Assert.Contains("empty.csv is empty (0 bytes)", error.Message);
    }

    [Fact]
    public void Train_FileOverByteLimit_RefusedBeforeReading()
    {
        var error = Assert.Throws<TrainingDataException>(() =>
            TestTraining.Train(fixture.Spec, new TrainingOptions { MaxDataBytes = 1000 }));

        Assert.Contains("over the 1000 byte limit set by Training:MaxDataBytes", error.Message);
    }

    [Fact]
    public void Train_FileOverRowLimit_RefusedNamingSetting()
    {
        var error = Assert.Throws<TrainingDataException>(() => TestTraining.Train(fixture.Spec, new TrainingOptions { MaxRows = 100 }));

        Assert.Contains("more than 100 rows, the limit set by Training:MaxRows", error.Message);
    }

    [Fact]
    public void Train_MissingFile_ErrorNamesFieldAndPath()
    {
        var error = Assert.Throws<TrainingDataException>(() => TestTraining.Train(TestTraining.Csv("/no/such/file.csv", "y")));

        Assert.Contains("'data.path': the training file '/no/such/file.csv' does not exist", error.Message);
    }

    [Fact]
    public void Train_InvalidSpec_RefusedBeforeReading()
    {
        var error = Assert.Throws<TrainingSpecException>(() => TestTraining.Train(fixture.Spec with { Holdout = new HoldoutSpec { Fraction = 1 } }));

        Assert.Contains("'holdout.fraction' must be in (0, 1)", error.Message);
    }

    private sealed class SyncProgress(Action<TrainingStage> report) : IProgress<TrainingStage>
    {
        public void Report(TrainingStage value) => report(value);
    }
}
