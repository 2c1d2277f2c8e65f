using Serverless.Core.Monitoring.GroundTruth;

namespace Serverless.Core.Tests.Monitoring.GroundTruth;

public class TableKeysTests
{
    [Theory]
    [InlineData("abc-123", "abc-123")]
    [InlineData("a/b", "a%2Fb")]
    [InlineData("a%2Fb", "a%252Fb")]
    [InlineData("#?\\", "%23%3F%5C")]
    public void Escape_ForbiddenCharacters_PercentEncodedAndDistinct(string id, string expected)
    {
        Assert.Equal(expected, TableKeys.Escape(id));
    }

    [Fact]
    public void Labelled_TimeFirst_SortsByPredictionTime()
    {
        var early = TableKeys.Labelled(new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero), "zzz", 0);
        var late = TableKeys.Labelled(new DateTimeOffset(2026, 12, 1, 10, 0, 0, TimeSpan.Zero), "aaa", 0);

        Assert.True(string.CompareOrdinal(early, late) < 0);
        Assert.StartsWith("20261201090000-zzz|000000", early, StringComparison.Ordinal);
    }
}
