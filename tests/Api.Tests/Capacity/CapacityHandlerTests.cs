using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Moq;
using Serverless.Api.Capacity;
using Serverless.Api.Http;
using Serverless.Core.Capacity;
using Serverless.Core.Models;

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

    private static CapacityHandler Handler()
    {
        var registry = new Mock<IModelRegistry>(MockBehavior.Strict);
        registry.Setup(r => r.ListVersionsAsync(It.IsAny<string>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync((string name, CancellationToken _) => name == "churn" ? [Churn] : []);
        return new CapacityHandler(registry.Object);
    }

    private static IQueryCollection Query(string query)
    {
        var http = new DefaultHttpContext();
        http.Request.QueryString = new QueryString(query);
        return http.Request.Query;
    }
}
