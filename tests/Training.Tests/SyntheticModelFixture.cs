using Serverless.Training.Spec;
using Serverless.Training.Synthetic;

namespace Serverless.Training.Tests;

/// <summary>
/// One LightGBM model trained on 12,500 synthetic rows with 5% missing cells (10,000 train rows), shared by the
/// tests of a class, and 10,000 fresh synthetic rows (another seed) to score.
/// </summary>
public sealed class SyntheticModelFixture : IDisposable
{
    private readonly TempDirectory _directory = new();

    public SyntheticModelFixture()
    {
        TrainCsv = _directory.File("train.csv");
        SyntheticChurnGenerator.Write(TrainCsv, new SyntheticChurnOptions { Rows = 12_500, Seed = 7, MissingRate = 0.05 });
        ScoringCsv = _directory.File("score.csv");
        SyntheticChurnGenerator.Write(ScoringCsv, new SyntheticChurnOptions { Rows = 10_000, Seed = 8, MissingRate = 0.05 });
        Result = TestTraining.Train(Spec);
        ScoringRows = TestTraining.Rows(Result, ScoringCsv);
    }

    public string TrainCsv { get; }

    public string ScoringCsv { get; }

    public TrainingSpec Spec => TestTraining.Csv(TrainCsv, SyntheticChurnGenerator.LabelColumn, TrainingTask.Binary, SyntheticChurnGenerator.IdColumn);

    public TrainingResult Result { get; }

    internal float[][] ScoringRows { get; }

    public void Dispose() => _directory.Dispose();
}
