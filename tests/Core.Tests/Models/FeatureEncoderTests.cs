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
}
