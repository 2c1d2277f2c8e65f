using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Moq;
using Serverless.Api.Capacity;
using Serverless.Api.Http;
using Serverless.Core.Capacity;
using Serverless.Core.Models;
using Serverless.Core.Monitoring;
using Serverless.Core.Scoring;

namespace Serverless.Api.Tests.Capacity;

public sealed class CapacityHandlerTests
{
    private static readonly ModelManifest Churn = new()
    {
        Name = "churn", Version = 1, Task = ModelTask.Classification, Inputs = [], Outputs = [],
        ArtifactSha256 = "", CreatedAt = DateTimeOffset.UnixEpoch, CreatedBy = "test",
    };

    [Fact]
    public async Task EstimateAsync_WorkedExample_AnswersTheEstimateOfDocsCapacity()
    {
        var result = await Handler().EstimateAsync(Query("?qps=1000000&p99Ms=50&model=churn&concurrency=64"), CancellationToken.None);

        var estimate = Assert.IsType<Ok<CapacityEstimate>>(result).Value!;
        Assert.Equal(133, estimate.Functions.Instances);
        Assert.Equal(167, estimate.Functions.MaximumInstanceCount);
        Assert.NotEmpty(estimate.Steps);
    }

    [Fact]
    public async Task EstimateAsync_ModelWithLiveWindows_UsesTheirHandlerCost()
    {
        // 1,000 single-row requests at 10x the benchmark's 6.74 us handler time.
        var busy = new WindowAggregate { Requests = 1000, Records = 1000 };
        busy.StageMilliseconds[ScoringStages.Infer] = 1000 * 67.4 / 1000;

        var result = await Handler([new VersionWindows(1, [], busy)]).EstimateAsync(Query("?qps=1000&p99Ms=50&model=churn"), CancellationToken.None);

        var estimate = Assert.IsType<Ok<CapacityEstimate>>(result).Value!;
        Assert.StartsWith("window statistics (churn, last hour)", estimate.CostSource, StringComparison.Ordinal);
        Assert.Equal(2 * MeasuredCost.SampleChurnBench.HttpMicroseconds + 67.4, estimate.Functions.CpuMicrosecondsPerRequest, 6);
    }

    [Fact]
    public async Task EstimateAsync_NoModel_UsesTheBenchmark()
    {
        var result = await Handler().EstimateAsync(Query("?qps=1000&p99Ms=50"), CancellationToken.None);

        Assert.Equal(MeasuredCost.SampleChurnBench.Source, Assert.IsType<Ok<CapacityEstimate>>(result).Value!.CostSource);
    }

    [Theory]
    [InlineData("?p99Ms=50", 400, "'qps' is required.")]
    [InlineData("?qps=1e6&p99Ms=50&qps=2", 400, "'qps' must be a number")]
    [InlineData("?qps=1e6&p99Ms=50&bogus=1", 400, "Unknown parameter 'bogus'")]
    [InlineData("?qps=1e6&p99Ms=50&model=Bad!", 400, "Model name 'Bad!' is invalid")]
    [InlineData("?qps=1e6&p99Ms=50&model=fraud", 404, "Model 'fraud' is not registered.")]
    public async Task EstimateAsync_BadQuery_AnswersErrorNamingIt(string query, int status, string error)
    {
        var result = await Handler().EstimateAsync(Query(query), CancellationToken.None);

        Assert.Equal(status, (result as IStatusCodeHttpResult)?.StatusCode);
        Assert.StartsWith(error, Assert.IsType<ApiError>((result as IValueHttpResult)?.Value).Error, StringComparison.Ordinal);
    }

    private static CapacityHandler Handler(IReadOnlyList<VersionWindows>? live = null)
    {
        var registry = new Mock<IModelRegistry>(MockBehavior.Strict);
        registry.Setup(r => r.ListVersionsAsync(It.IsAny<string>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync((string name, CancellationToken _) => name == "churn" ? [Churn] : []);
        var windows = new Mock<IWindowReader>(MockBehavior.Strict);
        windows.Setup(w => w.ReadAsync("churn", It.IsAny<DateTimeOffset>(), It.IsAny<DateTimeOffset>(), null, It.IsAny<CancellationToken>()))
            .ReturnsAsync(live ?? []);
        return new CapacityHandler(registry.Object, windows.Object, TimeProvider.System);
    }

    private static IQueryCollection Query(string query)
    {
        var http = new DefaultHttpContext();
        http.Request.QueryString = new QueryString(query);
        return http.Request.Query;
    }
}
