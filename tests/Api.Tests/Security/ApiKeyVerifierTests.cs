using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;
using Serverless.Api.Security;

namespace Serverless.Api.Tests.Security;

public class ApiKeyVerifierTests
{
    private const string Key = "0123456789abcdef-the-key";

    private static readonly ApiKeyVerifier Verifier = new(Options.Create(new ApiKeyOptions { Key = Key }));

    [Fact]
    public void IsValid_TheKey_True() => Assert.True(Verifier.IsValid(new StringValues(Key)));

    [Theory]
    [InlineData("")]
    [InlineData("0123456789abcdef-the-kez")]
    [InlineData("0123456789abcdef-the-key ")]
    [InlineData("0123456789ABCDEF-THE-KEY")]
    [InlineData("0123")]
    public void IsValid_AnyOtherValue_False(string presented) => Assert.False(Verifier.IsValid(new StringValues(presented)));

    [Fact]
    public void IsValid_MissingOrRepeatedHeader_False()
    {
        Assert.False(Verifier.IsValid(StringValues.Empty));
        Assert.False(Verifier.IsValid(new StringValues([Key, Key])));
    }

    [Fact]
    public void Constructor_NoKeyConfigured_Throws() =>
        Assert.Throws<InvalidOperationException>(() => new ApiKeyVerifier(Options.Create(new ApiKeyOptions())));

    [Theory]
    [InlineData("", false)]
    [InlineData("short", false)]
    [InlineData("sixteen-chars-ok", true)]
    public void Validator_KeyLength_RefusesShortKeys(string key, bool valid) =>
        Assert.Equal(valid, new ApiKeyOptionsValidator().Validate(null, new ApiKeyOptions { Key = key }).Succeeded);
}
