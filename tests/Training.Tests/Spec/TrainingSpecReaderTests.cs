using System.Text;
using Serverless.Training.Spec;

namespace Serverless.Training.Tests.Spec;

public class TrainingSpecReaderTests
{
    private static TrainingSpec Read(string json) => TrainingSpecReader.Read(Encoding.UTF8.GetBytes(json));

    [Fact]
    public void Read_FullSpec_EveryFieldBound()
    {
        var spec = Read("""
            {
              // comments and trailing commas are fine
              "name": "census",
              "data": { "blob": "data/adult.csv.gz", "format": "CSV", "delimiter": ";", "missingValues": ["?"], "trim": false, "inferenceSampleRows": 0 },
              "label": "income", "task": "Binary", "positiveClass": ">50K",
              "features": ["age", "zip"], "featureTypes": { "zip": "categorical" }, "ignore": ["id"],
              "holdout": { "fraction": 0.3, "seed": 7 },
              "trainer": { "name": "fastTree", "trees": 20, "leaves": 8, "learningRate": 0.2, "minExamplesPerLeaf": 3 },
            }
            """);

        Assert.Equal("data/adult.csv.gz", spec.Data.Blob);
        Assert.Equal(DataFormat.Csv, spec.Data.Format);
        Assert.Equal(";", spec.Data.Delimiter);
        Assert.Equal(["?"], spec.Data.MissingValues);
        Assert.False(spec.Data.Trim);
        Assert.Equal(TrainingTask.Binary, spec.Task);
        Assert.Equal(FeatureType.Categorical, spec.FeatureTypes!["zip"]);
        Assert.Equal(0.3, spec.Holdout.Fraction);
        Assert.Equal(TrainerKind.FastTree, spec.Trainer.Name);
        Assert.Equal(20, spec.Trainer.Trees);
    }

    [Fact]
    public void Read_MinimalSpec_Defaults()
    {
        var spec = Read("""{ "data": { "path": "x.csv" }, "label": "y", "task": "regression" }""");

        Assert.True(spec.Data.Trim);
        Assert.Contains("?", spec.Data.MissingValues);
        Assert.Equal(0.2, spec.Holdout.Fraction);
        Assert.Equal(TrainerKind.LightGbm, spec.Trainer.Name);
        Assert.Equal(100, spec.Trainer.Trees);
    }

    [Theory]
    [InlineData("""{ "data": { "path": "x" }, "label": "y", "task": "binary", "trainr": {} }""", "'trainr'")]
    [InlineData("""{ "data": { "path": "x" }, "label": "y", "task": "binary", "trainer": { "trees": "many" } }""", "at 'trainer.trees'")]
    [InlineData("""{ "data": { "path": "x" }, "label": "y", "task": "clustering" }""", "at 'task'")]
    [InlineData("""{ "data": { "path": "x" }, "label": "y", "task": "binary" """, "not valid")]
    [InlineData("""null""", "empty (null)")]
    [InlineData("""{ "label": "y", "task": "binary" }""", "exactly one of 'data.path'")]
    [InlineData("""{ "data": { "path": "x", "blob": "c/x" }, "label": "y", "task": "binary" }""", "exactly one of 'data.path'")]
    [InlineData("""{ "data": { "blob": "nocontainer" }, "label": "y", "task": "binary" }""", "'data.blob' must be 'container/path/to/file'")]
    [InlineData("""{ "data": { "path": "x", "delimiter": "ab" }, "label": "y", "task": "binary" }""", "'data.delimiter' must be one character")]
    [InlineData("""{ "data": { "path": "x", "format": "jsonl", "delimiter": ";" }, "label": "y", "task": "binary" }""", "'data.delimiter' applies to CSV only")]
    [InlineData("""{ "data": { "path": "x" }, "task": "binary" }""", "'label' is required")]
    [InlineData("""{ "data": { "path": "x" }, "label": "y" }""", "'task' is required")]
    [InlineData("""{ "data": { "path": "x" }, "label": "y", "task": "binary", "name": "Bad Name" }""", "'name' 'Bad Name' is invalid")]
    [InlineData("""{ "data": { "path": "x" }, "label": "y", "task": "multiclass", "positiveClass": "a" }""", "'positiveClass' applies to task binary only")]
    [InlineData("""{ "data": { "path": "x" }, "label": "y", "task": "binary", "labelMap": { "a": "maybe", "b": "0" } }""", "'labelMap.a' must be 0/1 or true/false")]
    [InlineData("""{ "data": { "path": "x" }, "label": "y", "task": "binary", "ignore": ["y"] }""", "'ignore' lists the label column 'y'")]
    [InlineData("""{ "data": { "path": "x" }, "label": "y", "task": "binary", "features": ["a", "a"] }""", "'features' lists a column twice")]
    [InlineData("""{ "data": { "path": "x" }, "label": "y", "task": "binary", "holdout": { "fraction": 1 } }""", "'holdout.fraction' must be in (0, 1)")]
    [InlineData("""{ "data": { "path": "x" }, "label": "y", "task": "binary", "trainer": { "trees": 0 } }""", "'trainer.trees' must be in [1, 100000]")]
    [InlineData("""{ "data": { "path": "x" }, "label": "y", "task": "binary", "trainer": { "learningRate": 2 } }""", "'trainer.learningRate' must be in (0, 1]")]
    [InlineData("""{ "data": { "path": "x" }, "label": "y", "task": "multiclass", "trainer": { "name": "fastTree" } }""", "use lightGbm for multiclass")]
    public void Read_BadSpec_ErrorNamesTheField(string json, string expected)
    {
        var error = Assert.Throws<TrainingSpecException>(() => Read(json));

        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public void Write_ThenRead_SameSpec()
    {
        var spec = Read("""{ "data": { "path": "x.csv" }, "label": "y", "task": "binary", "positiveClass": "yes", "ignore": ["id"] }""");

        Assert.Equal(TrainingSpecReader.Write(spec), TrainingSpecReader.Write(Read(TrainingSpecReader.Write(spec))));
    }
}
