using Serverless.Core.Models;
using Serverless.Training.Data;

namespace Serverless.Training.Tests.Data;

public class SchemaInferenceTests
{
    private static readonly CsvTable Table = CsvParser.Read(new StringReader(
        "id,amount,plan,code,label\n" +
        "a,1.5,gold,10,1\n" +
        "b,,Silver,20,0\n" +
        "c,-2e3,gold,,1\n" +
        "d,7,bronze,10,0\n"), "test");

    [Fact]
    public void Infer_NoExplicitCategorical_NumericWhenEveryNonEmptyCellParses()
    {
        var schema = SchemaInference.Infer(Table, "label", ["id"], null);

        Assert.Equal("features", schema.InputName);
        Assert.Equal(["amount", "plan", "code"], schema.Features.Select(f => f.Name));
        Assert.Equal([FeatureKind.Numeric, FeatureKind.Categorical, FeatureKind.Numeric], schema.Features.Select(f => f.Kind));
        Assert.All(schema.Features, f => Assert.False(f.Required));
    }

    [Fact]
    public void Infer_Categorical_CategoriesAreDistinctNonEmptyValuesInOrdinalOrder()
    {
        var schema = SchemaInference.Infer(Table, "label", ["id"], null);

        Assert.Equal(["Silver", "bronze", "gold"], schema.Features[1].Categories);
    }

    [Fact]
    public void Infer_ExplicitCategorical_MakesNumericLookingColumnCategorical()
    {
        var schema = SchemaInference.Infer(Table, "label", ["id"], ["plan", "code"]);

        Assert.Equal(FeatureKind.Categorical, schema.Features[2].Kind);
        Assert.Equal(["10", "20"], schema.Features[2].Categories);
    }

    [Fact]
    public void Infer_ExplicitListOmitsTextColumn_NamesColumnLineAndValue()
    {
        var error = Assert.Throws<TrainingDataException>(() => SchemaInference.Infer(Table, "label", ["id"], ["code"]));

        Assert.Contains("'plan'", error.Message);
        Assert.Contains("line 2", error.Message);
        Assert.Contains("'gold'", error.Message);
    }

    [Fact]
    public void Infer_UnknownIgnoreColumn_NamesIt()
    {
        var error = Assert.Throws<TrainingDataException>(() => SchemaInference.Infer(Table, "label", ["customer"], null));

        Assert.Contains("Ignored column 'customer'", error.Message);
    }

    [Fact]
    public void Infer_EverythingIgnored_SaysNoFeatures()
    {
        var error = Assert.Throws<TrainingDataException>(() => SchemaInference.Infer(Table, "label", ["id", "amount", "plan", "code"], null));

        Assert.Contains("No feature columns", error.Message);
    }

    [Fact]
    public void Encode_RowsThroughFeatureEncoder_CategoriesAreIndexesAndEmptyIsNaN()
    {
        var schema = SchemaInference.Infer(Table, "label", ["id"], null);

        var data = EncodedDataset.Encode(Table, new FeatureEncoder(schema), "label");

        Assert.Equal([1.5f, 2f, 10f], data.Features[0]);
        Assert.True(float.IsNaN(data.Features[1][0]));
        Assert.Equal(0f, data.Features[1][1]);
        Assert.Equal([true, false, true, false], data.Labels);
    }
}
