using Serverless.Core.Capacity;

namespace Serverless.Core.Tests.Capacity;

public sealed class CapacityQueryTests
{
    private static Dictionary<string, string> Values(params (string Name, string Value)[] pairs) =>
        pairs.ToDictionary(p => p.Name, p => p.Value, StringComparer.OrdinalIgnoreCase);

    [Fact]
    public void TryParse_RequiredAndOptionalValues_FillRequestAndAssumptions()
    {
        var ok = CapacityQuery.TryParse(
            Values(("qps", "1000000"), ("p99Ms", "50"), ("rowsPerRequest", "100"), ("concurrency", "64"), ("instanceMb", "4096"), ("shadow", "0.1")),
            out var request, out var assumptions, out var error);

        Assert.True(ok, error);
        Assert.Equal(new CapacityRequest(1_000_000, 50, RowsPerRequest: 100), request);
        Assert.Equal(64, assumptions.HttpConcurrencyPerInstance);
        Assert.Equal(4096, assumptions.InstanceMemoryMB);
        Assert.Equal(0.1, assumptions.ShadowFraction);
    }

    [Theory]
    [InlineData("p99Ms", "50", "'qps' is required.")]
    [InlineData("qps", "abc", "'qps' must be a number, got 'abc'.")]
    [InlineData("qps", "-5", "'qps' must be greater than 0.")]
    [InlineData("qps", "NaN", "'qps' must be a number, got 'NaN'.")]
    public void TryParse_BadQps_NamesIt(string name, string value, string expected)
    {
        var values = Values(("p99Ms", "50"));
        values[name] = value;

        Assert.False(CapacityQuery.TryParse(values, out _, out _, out var error));
        Assert.Equal(expected, error);
    }

    [Theory]
    [InlineData("instanceMb", "1024", "'instanceMb' must be 512, 2048 or 4096.")]
    [InlineData("utilization", "1.5", "'utilization' must be between 0.05 and 1.")]
    [InlineData("gpu", "yes", "'gpu' must be true or false, got 'yes'.")]
    [InlineData("gpu", "true", "'gpuRowsPerSecond' is required for a GPU model (measure it with bench/gpu.sh).")]
    [InlineData("colour", "red", "Unknown parameter 'colour'")]
    public void TryParse_BadOption_NamesIt(string name, string value, string expected)
    {
        var values = Values(("qps", "10"), ("p99Ms", "50"), (name, value));

        Assert.False(CapacityQuery.TryParse(values, out _, out _, out var error));
        Assert.StartsWith(expected, error, StringComparison.Ordinal);
    }
}
