using Serverless.Core.Models;
using Serverless.Training.Data;
using Serverless.Training.Spec;

namespace Serverless.Training.Tests;

/// <summary>Shortcuts for tests: train a spec synchronously, parse text into a table, encode a file with a trained schema.</summary>
internal static class TestTraining
{
    public static TrainingResult Train(TrainingSpec spec, TrainingOptions? limits = null) =>
        new ModelTrainer(limits).LoadAndTrainAsync(spec, null, null).GetAwaiter().GetResult();

    public static TrainingSpec Csv(string path, string label, TrainingTask task = TrainingTask.Binary, params string[] ignore) =>
        new() { Data = new DataSpec { Path = path }, Label = label, Task = task, Ignore = ignore };

    public static TabularData Table(string csv, char delimiter = ',') =>
        CsvParser.Read(new StringReader(csv), "test", delimiter, new CellCleaner(true, new DataSpec().MissingValues), int.MaxValue);

    /// <summary>Every row of <paramref name="path"/> encoded with <paramref name="result"/>'s schema (labels not read).</summary>
    public static float[][] Rows(TrainingResult result, string path, DataSpec? data = null)
    {
        var spec = (data ?? new DataSpec()) with { Path = path };
        var bytes = File.ReadAllBytes(path);
        var table = TabularReader.ReadAsync(new TrainingData(bytes, path, Path.GetFileName(path)), spec, new TrainingOptions(), default).GetAwaiter().GetResult();
        return EncodedDataset.Encode(table, new FeatureEncoder(result.Schema), -1, null, out _).Features;
    }
}
