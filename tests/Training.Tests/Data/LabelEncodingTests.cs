using Serverless.Training.Data;
using Serverless.Training.Spec;

namespace Serverless.Training.Tests.Data;

public class LabelEncodingTests
{
    private static readonly TrainingSpec Binary = new() { Data = new DataSpec { Path = "x" }, Label = "y", Task = TrainingTask.Binary };

    private static (LabelEncoding Encoding, TabularData Table) Create(string labels, TrainingSpec spec)
    {
        var table = TestTraining.Table("y\n" + labels.Replace(',', '\n'));
        return (LabelEncoding.Create(table, 0, spec), table);
    }

    [Fact]
    public void Create_PositiveClass_NamesClassesByValues()
    {
        var (encoding, _) = Create(">50K,<=50K,>50K", Binary with { PositiveClass = ">50K" });

        Assert.Equal(["<=50K", ">50K"], encoding.ClassLabels);
        Assert.Equal(1, encoding.Encode(">50K", 2, "y"));
        Assert.Equal(0, encoding.Encode("<=50K", 3, "y"));
    }

    [Fact]
    public void Create_LabelMap_MapsAndRefusesUnlisted()
    {
        var spec = Binary with { LabelMap = new Dictionary<string, string> { ["churned"] = "1", ["stayed"] = "false" } };
        var (encoding, _) = Create("churned,stayed", spec);

        Assert.Equal(["stayed", "churned"], encoding.ClassLabels);
        Assert.Equal(1, encoding.Encode("churned", 2, "y"));
        var error = Assert.Throws<TrainingDataException>(() => Create("churned,stayed,left", spec));
        Assert.Contains("'left', which 'labelMap' does not list", error.Message);
    }

    [Fact]
    public void Create_PositiveClassNeverSeen_ListsValues()
    {
        var error = Assert.Throws<TrainingDataException>(() => Create("a,b", Binary with { PositiveClass = "c" }));

        Assert.Contains("'positiveClass' is 'c', which label column 'y' never has (it has: a, b)", error.Message);
    }

    [Fact]
    public void Create_MulticlassNumbers_NumericOrder()
    {
        var (encoding, _) = Create("10,9,2,10", Binary with { Task = TrainingTask.Multiclass });

        Assert.Equal(["2", "9", "10"], encoding.ClassLabels);
        Assert.Equal(2, encoding.Encode("10", 2, "y"));
    }

    [Fact]
    public void Create_MulticlassOneClass_Refused()
    {
        var error = Assert.Throws<TrainingDataException>(() => Create("a,a", Binary with { Task = TrainingTask.Multiclass }));

        Assert.Contains("one class only ('a')", error.Message);
    }

    [Fact]
    public void Encode_RegressionText_NamesLine()
    {
        var (encoding, _) = Create("1.5,2", Binary with { Task = TrainingTask.Regression });

        Assert.Equal(1.5f, encoding.Encode("1.5", 2, "y"));
        var error = Assert.Throws<TrainingDataException>(() => encoding.Encode("cheap", 9, "y"));
        Assert.Contains("Line 9: regression label 'y' has 'cheap'", error.Message);
    }
}
