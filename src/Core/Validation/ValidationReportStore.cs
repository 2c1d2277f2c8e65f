using System.Text.Json;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Microsoft.Extensions.Options;
using Serverless.Core.Models;
using Serverless.Core.Serialization;

namespace Serverless.Core.Validation;

/// <summary>
/// Validation reports beside the version they judge, in the registry container: <c>{model}/{version}/validation.json</c>
/// and its rendering for people, <c>validation.html</c>. The version's own artifacts stay untouched (they are immutable).
/// </summary>
public sealed class ValidationReportStore(BlobServiceClient blobs, IOptions<RegistryOptions> registry)
{
    public const string JsonFile = "validation.json";
    public const string HtmlFile = "validation.html";

    private readonly BlobContainerClient _container = blobs.GetBlobContainerClient(registry.Value.Container);

    /// <summary>Writes (or replaces) the report and its HTML.</summary>
    public async Task WriteAsync(ValidationReport report, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(report);
        await Upload(JsonFile, BinaryData.FromObjectAsJson(report, JsonDefaults.Options), "application/json", cancellationToken);
        await Upload(HtmlFile, BinaryData.FromString(ValidationReportHtml.Render(report)), "text/html; charset=utf-8", cancellationToken);

        Task Upload(string file, BinaryData content, string type, CancellationToken ct) =>
            _container.GetBlobClient($"{report.Model}/{report.Version}/{file}")
                .UploadAsync(content, new BlobUploadOptions { HttpHeaders = new BlobHttpHeaders { ContentType = type } }, ct);
    }

    /// <summary>The stored report, or null when the version was never validated.</summary>
    public async Task<ValidationReport?> ReadAsync(string model, int version, CancellationToken cancellationToken = default)
    {
        var blob = _container.GetBlobClient($"{model}/{version}/{JsonFile}");
        try
        {
            var content = await blob.DownloadContentAsync(cancellationToken);
            return content.Value.Content.ToObjectFromJson<ValidationReport>(JsonDefaults.Options);
        }
        catch (Azure.RequestFailedException e) when (e.Status == 404)
        {
            return null;
        }
    }
}
