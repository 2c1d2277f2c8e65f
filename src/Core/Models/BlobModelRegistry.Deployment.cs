using Azure;
using Azure.Storage.Blobs.Models;
using Serverless.Core.Serialization;

namespace Serverless.Core.Models;

public sealed partial class BlobModelRegistry
{
    public async Task<DeploymentState?> GetDeploymentAsync(string name, CancellationToken cancellationToken = default) =>
        (await ReadDeploymentAsync(name, cancellationToken)).State;

    public async Task<DeploymentState> UpdateDeploymentAsync(
        string name, Func<DeploymentState?, DeploymentState> change, CancellationToken cancellationToken = default)
    {
        ModelNames.Validate(name);
        for (var attempt = 1; ; attempt++)
        {
            var (current, etag) = await ReadDeploymentAsync(name, cancellationToken);
            var next = change(current);
            if (ReferenceEquals(next, current))
            {
                return next; // No change: leave the blob and its ETag alone, so concurrent writers are not disturbed.
            }

            if (next.Model != name)
            {
                throw new InvalidOperationException($"Deployment state of '{name}' cannot name model '{next.Model}'.");
            }

            // Create-only when there was no state; otherwise only over exactly what was read.
            var conditions = etag is { } e ? new BlobRequestConditions { IfMatch = e } : new BlobRequestConditions { IfNoneMatch = ETag.All };
            try
            {
                await _container.GetBlobClient($"{name}/{DeploymentFile}").UploadAsync(
                    BinaryData.FromObjectAsJson(next, JsonDefaults.Options),
                    new BlobUploadOptions { Conditions = conditions, HttpHeaders = new BlobHttpHeaders { ContentType = "application/json" } },
                    cancellationToken);
                return next;
            }
            catch (RequestFailedException ex) when (IsConflict(ex) && attempt < MaxAttempts)
            {
                // Someone else changed it between our read and write: re-read and re-apply.
                await Task.Delay(Random.Shared.Next(5, 20 * attempt), cancellationToken);
            }
        }
    }

    private async Task<(DeploymentState? State, ETag? ETag)> ReadDeploymentAsync(string name, CancellationToken cancellationToken)
    {
        if (!ModelNames.IsValid(name))
        {
            return (null, null);
        }

        await _created.EnsureAsync(cancellationToken);
        try
        {
            var content = await _container.GetBlobClient($"{name}/{DeploymentFile}").DownloadContentAsync(cancellationToken);
            return (content.Value.Content.ToObjectFromJson<DeploymentState>(JsonDefaults.Options), content.Value.Details.ETag);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return (null, null);
        }
    }
}
