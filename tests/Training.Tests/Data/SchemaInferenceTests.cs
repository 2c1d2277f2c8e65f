using Serverless.Core.Models;
using Serverless.Training.Data;
using Serverless.Training.Spec;

namespace Serverless.Training.Tests.Data;

public class SchemaInferenceTests
{
    private static readonly TabularData Table = TestTraining.Table(
        "id,amount,plan,code,active,label\n" +
        "a,1.5,gold,10,yes,1\n" +
        "b,,Silver,20,No,0\n" +
        "c,-2e3,gold,,,1\n" +
        "d,7,bronze,10,TRUE,0\n");

    private static readonly TrainingSpec Spec = new() { Data = new DataSpec { Path = "x" }, Label = "label", Task = TrainingTask.Binary, Ignore = ["id"] };

    private static FeatureSchema Infer(TrainingSpec spec) => SchemaInference.Infer(Table, spec, Table.IndexOf("label"));

    [Fact]
    public void Infer_NoOverrides_NumericBooleanOrCategoricalByValues()
    {
        var schema = Infer(Spec);

        Assert.Equal("features", schema.InputName);
        Assert.Equal(["amount", "plan", "code", "active"], schema.Features.Select(f => f.Name));
        Assert.Equal([FeatureKind.Numeric, FeatureKind.Categorical, FeatureKind.Numeric, FeatureKind.Boolean], schema.Features.Select(f => f.Kind));
        Assert.All(schema.Features, f => Assert.False(f.Required));
        Assert.True(schema.TrimText);
        Assert.Contains("?", schema.MissingValues!);
    }

    [Fact]
    public void Infer_Categorical_CategoriesAreDistinctPresentValuesInOrdinalOrder()
    {
        Assert.Equal(["Silver", "bronze", "gold"], Infer(Spec).Features[1].Categories);
    }

    [Fact]
    public void Infer_TypeOverride_MakesNumericLookingColumnCategorical()
    {
        var schema = Infer(Spec with { FeatureTypes = new Dictionary<string, FeatureType> { ["code"] = FeatureType.Categorical } });

        Assert.Equal(FeatureKind.Categorical, schema.Features[2].Kind);
        Assert.Equal(["10", "20"], schema.Features[2].Categories);
    }

    [Fact]
    public void Infer_NumericOverrideOnTextColumn_NamesColumnLineValueAndFix()
    {
        var error = Assert.Throws<TrainingDataException>(() =>
            Infer(Spec with { FeatureTypes = new Dictionary<string, FeatureType> { ["plan"] = FeatureType.Numeric } }));

        Assert.Contains("line 2", error.Message);
        Assert.Contains("'featureTypes' makes 'plan' numeric, but it has 'gold'", error.Message);
    }

    [Fact]
    public void Infer_TextBeyondTheSample_NamesLineAndSuggestsOverride()
    {
        var table = TestTraining.Table("x,y\n1,0\n2,1\nthree,0\n");

        var error = Assert.Throws<TrainingDataException>(() =>
            SchemaInference.Infer(table, Spec with { Ignore = [], Label = "y", Data = new DataSpec { Path = "x", InferenceSampleRows = 2 } }, 1));

        Assert.Contains("line 4", error.Message);
        Assert.Contains("featureTypes.x", error.Message);
    }

    [Fact]
    public void Infer_ExplicitFeatures_OnlyThoseInOrder()
    {
        Assert.Equal(["plan", "amount"], Infer(Spec with { Features = ["plan", "amount"] }).Features.Select(f => f.Name));
    }

    [Fact]
    public void Infer_UnknownIgnoreColumn_NamesFieldAndHeader()
    {
        var error = Assert.Throws<TrainingDataException>(() => Infer(Spec with { Ignore = ["customer"] }));

        Assert.Contains("'ignore' names column 'customer', which is not in the header", error.Message);
    }

    [Fact]
    public void Infer_AllMissingColumn_SaysNoValues()
    {
        var table = TestTraining.Table("x,empty,y\n1,?,0\n2,,1\n");

        var error = Assert.Throws<TrainingDataException>(() => SchemaInference.Infer(table, Spec with { Ignore = [], Label = "y" }, 2));

        Assert.Contains("'empty' has no values", error.Message);
    }

    [Fact]
    public void Infer_EverythingIgnored_SaysNoFeatures()
    {
        var error = Assert.Throws<TrainingDataException>(() => Infer(Spec with { Ignore = ["id", "amount", "plan", "code", "active"] }));

        Assert.Contains("No feature columns", error.Message);
    }

    [Fact]
    public void Encode_RowsThroughFeatureEncoder_CategoriesAreIndexesAndMissingIsNaN()
    {
        var schema = Infer(Spec);
        var label = Table.IndexOf("label");

        var data = EncodedDataset.Encode(Table, new FeatureEncoder(schema), label, LabelEncoding.Create(Table, label, Spec), out var skipped);

        Assert.Equal([1.5f, 2f, 10f, 1f], data.Features[0]);
        Assert.True(float.IsNaN(data.Features[1][0]));
        Assert.Equal(0f, data.Features[1][1]);
        Assert.True(float.IsNaN(data.Features[2][3]));
        Assert.Equal([1f, 0f, 1f, 0f], data.Labels);
        Assert.Equal(0, skipped);
    }
}
