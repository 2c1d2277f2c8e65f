using Microsoft.ML;
using Serverless.Core.Models;
using Serverless.Training.Data;
using Serverless.Training.Evaluation;
using Serverless.Training.MlNet;
using Serverless.Training.Spec;

namespace Serverless.Training.Tests.Evaluation;

public class BinaryMetricsTests(SyntheticModelFixture fixture) : IClassFixture<SyntheticModelFixture>
{
    [Fact]
    public void Compute_TrainedModelPredictions_MatchMlNetEvaluator()
    {
        var table = TestTraining.Table(File.ReadAllText(fixture.ScoringCsv));
        var label = table.IndexOf(fixture.Spec.Label);
        var rows = EncodedDataset.Encode(table, new FeatureEncoder(fixture.Result.Schema), label, LabelEncoding.Create(table, label, fixture.Spec), out _);
        var ml = new MLContext(1);
        var model = fixture.Result.Model!;
        var expected = ml.BinaryClassification.Evaluate(model.Model.Transform(TrainingRows.Load(ml, rows, TrainingTask.Binary, model.FeatureCount, 2)));
        var predictions = model.Predict(rows.Features);

        var actual = BinaryMetrics.Compute([.. rows.Labels.Select(l => l > 0)], predictions.Scores!,
            [.. predictions.Probabilities!.Where((_, i) => i % 2 == 1)], [.. predictions.Labels!.Select(l => l == 1)]);

        Assert.Equal(expected.AreaUnderRocCurve, actual["auc"], 6);
        Assert.Equal(expected.Accuracy, actual["accuracy"], 9);
        Assert.Equal(expected.PositivePrecision, actual["precision"], 9);
        Assert.Equal(expected.PositiveRecall, actual["recall"], 9);
        Assert.Equal(expected.F1Score, actual["f1"], 9);
        // ML.NET reports log loss in bits; ours is in nats like most other tools.
        Assert.Equal(expected.LogLoss * Math.Log(2), actual["logLoss"], 5);
    }

    [Fact]
    public void AreaUnderRoc_TiedScores_CountHalf()
    {
        bool[] labels = [true, false, true, false];
        float[] scores = [0.5f, 0.5f, 0.9f, 0.1f];

        // Pairs (pos, neg): (0.5,0.5)=0.5, (0.5,0.1)=1, (0.9,0.5)=1, (0.9,0.1)=1 -> 3.5 / 4.
        Assert.Equal(0.875, BinaryMetrics.AreaUnderRoc(labels, scores, positives: 2), 12);
    }

    [Fact]
    public void ExpectedCalibrationError_TwoBins_WeightsGapsByBinShare()
    {
        bool[] labels = [true, false, false, true];
        float[] probabilities = [0.05f, 0.05f, 0.95f, 0.95f];

        // Bin 0: mean p 0.05 vs rate 0.5; bin 9: mean p 0.95 vs rate 0.5; each holds half the rows.
        Assert.Equal(0.5 * 0.45 + 0.5 * 0.45, BinaryMetrics.ExpectedCalibrationError(labels, probabilities, 10), 6);
    }

    [Fact]
    public void Compute_PerfectPredictions_AllOnesAndNoCalibrationGap()
    {
        bool[] labels = [true, false, true];

        var metrics = BinaryMetrics.Compute(labels, [2f, -2f, 3f], [1f, 0f, 1f], labels);

        Assert.Equal(1, metrics["auc"]);
        Assert.Equal(1, metrics["f1"]);
        Assert.Equal(0, metrics["calibrationError"]);
        Assert.True(metrics["logLoss"] < 1e-12);
    }

    [Fact]
    public void Compute_SingleClass_ExplainsAucUndefined()
    {
        var error = Assert.Throws<TrainingDataException>(() => BinaryMetrics.Compute([true, true], [1f, 2f], [0.6f, 0.7f], [true, true]));

        Assert.Contains("only one class", error.Message);
    }
}
