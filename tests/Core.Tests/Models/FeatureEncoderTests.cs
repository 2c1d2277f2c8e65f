using Serverless.Core.Models;

namespace Serverless.Core.Tests.Models;

public class FeatureEncoderTests
{
    private static readonly FeatureEncoder Encoder = new(new FeatureSchema("features",
    [
        new FeatureDefinition("tenure", FeatureKind.Numeric, Required: true),
        new FeatureDefinition("contract", FeatureKind.Categorical, ["monthly", "yearly"]),
    ]));

    [Fact]
    public void TryEncodeText_KnownCategory_ReturnsItsIndex()
    {
        Assert.True(Encoder.TryEncodeText(1, "yearly", out var value, out _));
        Assert.Equal(1f, value);
    }

    [Fact]
    public void TryEncodeText_UnknownCategory_NamesFieldAndCategories()
    {
        Assert.False(Encoder.TryEncodeText(1, "weekly", out _, out var error));
        Assert.Contains("'contract'", error);
        Assert.Contains("monthly, yearly", error);
    }

    [Fact]
    public void IsUnknownCategoryError_PrefixedRefusal_NamesTheFeature()
    {
        Assert.False(Encoder.TryEncodeText(1, "weekly", out _, out var error));

        Assert.True(FeatureEncoder.IsUnknownCategoryError($"records[3].{Encoder.Schema.Features[1].Name}: {error}", out var feature));
        Assert.Equal(Encoder.Schema.Features[1].Name, feature);
    }

    [Fact]
    public void IsUnknownCategoryError_OtherRefusal_IsFalse()
    {
        Assert.False(Encoder.TryEncodeText(0, "abc", out _, out var error));

        Assert.False(FeatureEncoder.IsUnknownCategoryError(error, out _));
        Assert.False(FeatureEncoder.IsUnknownCategoryError(null, out _));
    }

    [Fact]
    public void TryEncodeText_EmptyOptional_IsNaN()
    {
        Assert.True(Encoder.TryEncodeText(1, "", out var value, out _));
        Assert.True(float.IsNaN(value));
    }

    [Fact]
    public void TryEncodeMissing_Required_Fails()
    {
        Assert.False(Encoder.TryEncodeMissing(0, out _, out var error));
        Assert.Contains("'tenure' is required", error);
    }

    [Fact]
    public void TryEncodeText_Numeric_ParsesInvariant()
    {
        Assert.True(Encoder.TryEncodeText(0, "12.5", out var value, out _));
        Assert.Equal(12.5f, value);
        Assert.False(Encoder.TryEncodeText(0, "12,5x", out _, out var error));
        Assert.Contains("expects a number", error);
    }

    [Fact]
    public void TryEncodeNumber_Categorical_Fails()
    {
        Assert.False(Encoder.TryEncodeNumber(1, 3, out _, out var error));
        Assert.Contains("categorical", error);
    }

    [Fact]
    public void TryEncodeNumber_Overflow_Fails()
    {
        Assert.False(Encoder.TryEncodeNumber(0, 1e300, out _, out _));
    }

    [Fact]
    public void IndexOf_Span_MatchesString()
    {
        Assert.Equal(1, Encoder.IndexOf("contract".AsSpan()));
        Assert.Equal(-1, Encoder.IndexOf("nope"));
    }

    private static readonly FeatureEncoder Quirky = new(new FeatureSchema("features",
    [
        new FeatureDefinition("age", FeatureKind.Numeric),
        new FeatureDefinition("plan", FeatureKind.Categorical, ["basic", "pro"]),
        new FeatureDefinition("active", FeatureKind.Boolean),
    ], MissingValues: ["?", "NA"], TrimText: true));

    [Theory]
    [InlineData(0, "?")]
    [InlineData(1, " NA ")]
    [InlineData(2, "   ")]
    public void TryEncodeText_MissingToken_IsNaN(int column, string text)
    {
        Assert.True(Quirky.TryEncodeText(column, text, out var value, out var error), error);
        Assert.True(float.IsNaN(value));
    }

    [Fact]
    public void TryEncodeText_PaddedCategoryWithTrim_ReturnsItsIndex()
    {
        Assert.True(Quirky.TryEncodeText(1, "  pro ", out var value, out _));
        Assert.Equal(1f, value);
    }

    [Fact]
    public void TryEncodeText_MissingTokenWithoutSchemaTokens_IsAnError()
    {
        Assert.False(Encoder.TryEncodeText(0, "?", out _, out var error));
        Assert.Contains("expects a number, got '?'", error);
    }

    [Theory]
    [InlineData("Yes", 1f)]
    [InlineData("false", 0f)]
    [InlineData("1", 1f)]
    public void TryEncodeText_Boolean_EncodesZeroOrOne(string text, float expected)
    {
        Assert.True(Quirky.TryEncodeText(2, text, out var value, out _));
        Assert.Equal(expected, value);
    }

    [Fact]
    public void TryEncodeText_BadBoolean_NamesFieldAndForms()
    {
        Assert.False(Quirky.TryEncodeText(2, "maybe", out _, out var error));
        Assert.Contains("'active' is boolean and expects true/false, yes/no or 1/0, got 'maybe'", error);
    }

    [Fact]
    public void TryEncodeBoolean_NumericFeature_Fails()
    {
        Assert.True(Quirky.TryEncodeBoolean(2, true, out var value, out _));
        Assert.Equal(1f, value);
        Assert.False(Quirky.TryEncodeBoolean(0, true, out _, out var error));
        Assert.Contains("'age' is numeric and does not take a boolean", error);
    }

    [Fact]
    public void TryEncodeNumber_BooleanOtherThanZeroOrOne_Fails()
    {
        Assert.True(Quirky.TryEncodeNumber(2, 1, out var value, out _));
        Assert.Equal(1f, value);
        Assert.False(Quirky.TryEncodeNumber(2, 2, out _, out var error));
        Assert.Contains("boolean", error);
    }
}
