using Serverless.Core.Models;
using Serverless.Training.Data;
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
        var scoringCsv = _directory.File("score.csv");
        SyntheticChurnGenerator.Write(scoringCsv, new SyntheticChurnOptions { Rows = 10_000, Seed = 8, MissingRate = 0.05 });
        Result = new ModelTrainer().Train(Request);
        ScoringRows = EncodedDataset.Encode(CsvParser.ReadFile(scoringCsv), new FeatureEncoder(Result.Schema), SyntheticChurnGenerator.LabelColumn);
    }

    public string TrainCsv { get; }

    public TrainingRequest Request => new()
    {
        CsvPath = TrainCsv,
        LabelColumn = SyntheticChurnGenerator.LabelColumn,
        IgnoreColumns = [SyntheticChurnGenerator.IdColumn],
    };

    public TrainingResult Result { get; }

    internal EncodedDataset ScoringRows { get; }

    public void Dispose() => _directory.Dispose();
}
