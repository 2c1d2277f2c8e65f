using System.Text;
using Azure.Storage.Blobs;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Logging.Abstractions;
using Moq;
using Serverless.Api.Batch;
using Serverless.Api.Http;
using Serverless.Core.Batch;
using Serverless.Core.Models;
using Serverless.Core.Scoring;
using Serverless.Testing;

namespace Serverless.Api.Tests.Batch;

/// <summary>The HTTP half of batch jobs on real Azurite: bodies, status codes and the status route.</summary>
public class BatchJobHandlerTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private const string Name = "churn/x.csv";

    [Theory]
    [InlineData("application/json", "{\"path\":\"x.csv\"}", 0, 202)]
    [InlineData("application/json", "{\"path\":\"x.csv\",\"modelVersion\":1}", 0, 202)]
    [InlineData("application/json", "{\"path\":\"../x.csv\"}", 0, 400)]
    [InlineData("application/json", "{\"path\":\"x.txt\"}", 0, 400)]
    [InlineData("application/json", "{\"path\":\"x.csv\",\"modelVersion\":0}", 0, 400)]
    [InlineData("application/json", "{\"path\":", 0, 400)]
    [InlineData("application/json", "null", 0, 400)]
    [InlineData("application/json", "", 0, 400)]
    [InlineData("application/json", "{\"path\":\"x.csv\",\"modelVersion\":9}", 0, 404)]
    [InlineData("application/json", "{\"path\":\"missing.csv\"}", 0, 404)]
    [InlineData("application/json", "{\"path\":\"x.csv\",\"pad\":\"\"}", 17 * 1024, 413)]
    [InlineData("text/plain", "{\"path\":\"x.csv\"}", 0, 415)]
    public async Task SubmitAsync_Body_AnswersStatus(string contentType, string body, int padding, int expected)
    {
        var handler = await HandlerAsync();
        var text = padding == 0 ? body : body.Replace("\"\"", "\"" + new string('a', padding) + "\"", StringComparison.Ordinal);

        var result = await handler.SubmitAsync("churn", Request(contentType, text), CancellationToken.None);

        Assert.Equal(expected, (result as IStatusCodeHttpResult)?.StatusCode);
        if (expected != 202)
        {
            Assert.False(string.IsNullOrWhiteSpace(Assert.IsType<ApiError>((result as IValueHttpResult)?.Value).Error));
        }
    }

    [Theory]
    [InlineData("Bad", 400)]
    [InlineData("fraud", 404)]
    public async Task SubmitAsync_ModelName_AnswersStatusNamingIt(string name, int expected)
    {
        var handler = await HandlerAsync();

        var result = await handler.SubmitAsync(name, Request("application/json", "{\"path\":\"x.csv\"}"), CancellationToken.None);

        Assert.Equal(expected, (result as IStatusCodeHttpResult)?.StatusCode);
        Assert.Contains($"'{name}'", Assert.IsType<ApiError>((result as IValueHttpResult)?.Value).Error);
    }

    [Fact]
    public async Task SubmitAsync_InvalidNameAndNonJsonBody_AnswersTheName()
    {
        var handler = await HandlerAsync();

        var result = await handler.SubmitAsync("Bad", Request("text/plain", "x"), CancellationToken.None);

        Assert.Equal(400, (result as IStatusCodeHttpResult)?.StatusCode);
    }

    [Fact]
    public async Task SubmitAsync_Accepted_LocationIsTheStatusRouteThatAnswersTheJob()
    {
        var handler = await HandlerAsync();

        var accepted = Assert.IsType<Accepted<BatchJobAccepted>>(
            await handler.SubmitAsync("churn", Request("application/json", "{\"path\":\"x.csv\"}"), CancellationToken.None));

        var job = accepted.Value!;
        Assert.Equal($"/api/batch/jobs/{job.JobId}", job.StatusUrl);
        Assert.Equal(job.StatusUrl, accepted.Location);
        var status = Assert.IsType<Ok<BatchJobStatus>>(await handler.GetStatusAsync(job.JobId, CancellationToken.None)).Value!;
        Assert.Equal((job.JobId, "queued"), (status.JobId, status.State));
    }

    [Theory]
    [InlineData("not-a-guid")]
    [InlineData("0123456789abcdef0123456789abcdef")]
    public async Task GetStatusAsync_UnknownJob_Answers404(string id)
    {
        var handler = await HandlerAsync();

        var result = await handler.GetStatusAsync(id, CancellationToken.None);

        Assert.Equal(404, (result as IStatusCodeHttpResult)?.StatusCode);
        Assert.Contains(id, Assert.IsType<ApiError>((result as IValueHttpResult)?.Value).Error);
    }

    /// <summary>A handler over containers unique to the test, with <see cref="Name"/> uploaded and model churn v1 registered.</summary>
    private async Task<BatchJobHandler> HandlerAsync()
    {
        var prefix = AzuriteFixture.UniqueName("a");
        var options = Microsoft.Extensions.Options.Options.Create(new BatchOptions
        {
            InputContainer = prefix + "-in",
            OutputContainer = prefix + "-out",
            ReceiptContainer = prefix + "-rcpt",
            JobContainer = prefix + "-jobs",
        });
        var storage = new BatchStorage(new BlobServiceClient(azurite.ConnectionString), options);
        await storage.EnsureCreatedAsync(CancellationToken.None);
        await storage.Input.GetBlobClient(Name).UploadAsync(BinaryData.FromString("age\n1\n"));

        var manifest = new ModelManifest
        {
            Name = "churn", Version = 1, Task = ModelTask.Regression, Inputs = [], Outputs = [],
            ArtifactSha256 = "", CreatedAt = DateTimeOffset.UnixEpoch, CreatedBy = "test",
        };
        var registry = new Mock<IModelRegistry>();
        registry.Setup(r => r.GetManifestAsync("churn", 1, It.IsAny<CancellationToken>())).ReturnsAsync(manifest);
        registry.Setup(r => r.ListVersionsAsync(It.IsAny<string>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync((string name, CancellationToken _) => name == "churn" ? [manifest] : []);

        var receipts = new BatchReceiptStore(storage, options, TimeProvider.System);
        var scoring = new BatchScoringHandler(storage, receipts, Mock.Of<IModelProvider>(), options, TimeProvider.System, NullLogger<BatchScoringHandler>.Instance);
        var jobs = new BatchJobService(storage, receipts, scoring, registry.Object, TimeProvider.System, NullLogger<BatchJobService>.Instance);
        return new BatchJobHandler(jobs);
    }

    private static HttpRequest Request(string contentType, string body)
    {
        var bytes = Encoding.UTF8.GetBytes(body);
        var http = new DefaultHttpContext();
        http.Request.ContentType = contentType;
        http.Request.ContentLength = bytes.Length;
        http.Request.Body = new MemoryStream(bytes);
        return http.Request;
    }
}
