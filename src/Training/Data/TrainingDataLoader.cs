using Azure;
using Azure.Storage.Blobs;
using Serverless.Training.Spec;

namespace Serverless.Training.Data;

/// <summary>Fetches the bytes a <see cref="DataSpec"/> names: a local file or a blob, refused up front when over the size limit.</summary>
public static class TrainingDataLoader
{
    /// <param name="data">The spec's data section.</param>
    /// <param name="baseDirectory">Relative paths resolve against it (the spec file's folder); null = the working directory.</param>
    /// <param name="blobs">The storage account for <see cref="DataSpec.Blob"/>; null when only local files are allowed.</param>
    /// <param name="limits">The size limit.</param>
    /// <param name="cancellationToken">Cancels the download.</param>
    /// <exception cref="TrainingDataException">Missing, unreadable or too large.</exception>
    public static async Task<TrainingData> LoadAsync(
        DataSpec data, string? baseDirectory, BlobServiceClient? blobs, TrainingOptions limits, CancellationToken cancellationToken)
    {
        if (data.Blob is { } blobPath)
        {
            return await LoadBlobAsync(blobPath, blobs, limits, cancellationToken);
        }

        var path = Path.GetFullPath(data.Path!, baseDirectory ?? Directory.GetCurrentDirectory());
        try
        {
            var info = new FileInfo(path);
            if (!info.Exists)
            {
                throw new TrainingDataException($"'data.path': the training file '{path}' does not exist.");
            }

            if (info.Length > limits.MaxDataBytes)
            {
                throw Limits.TooManyBytes(info.Name, info.Length, limits.MaxDataBytes);
            }

            return new TrainingData(await File.ReadAllBytesAsync(path, cancellationToken), new Uri(path).AbsoluteUri, info.Name);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new TrainingDataException($"'data.path': the training file '{path}' cannot be read: {e.Message}", e);
        }
    }

    private static async Task<TrainingData> LoadBlobAsync(string blobPath, BlobServiceClient? blobs, TrainingOptions limits, CancellationToken cancellationToken)
    {
        if (blobs is null)
        {
            throw new TrainingDataException("'data.blob' needs a storage account; none is configured here (use 'data.path').");
        }

        var slash = blobPath.IndexOf('/', StringComparison.Ordinal);
        var blob = blobs.GetBlobContainerClient(blobPath[..slash]).GetBlobClient(blobPath[(slash + 1)..]);
        try
        {
            var properties = await blob.GetPropertiesAsync(cancellationToken: cancellationToken);
            if (properties.Value.ContentLength > limits.MaxDataBytes)
            {
                throw Limits.TooManyBytes(blob.Name, properties.Value.ContentLength, limits.MaxDataBytes);
            }

            // Download the version whose size was checked; a concurrent overwrite fails the condition instead of slipping through.
            var content = await blob.DownloadContentAsync(
                new Azure.Storage.Blobs.Models.BlobDownloadOptions { Conditions = new() { IfMatch = properties.Value.ETag } }, cancellationToken);
            return new TrainingData(content.Value.Content.ToArray(), blob.Uri.AbsoluteUri, Path.GetFileName(blob.Name), properties.Value.ETag.ToString());
        }
        catch (RequestFailedException e) when (e.Status is 404 or 412)
        {
            throw new TrainingDataException(e.Status == 404
                ? $"'data.blob': '{blobPath}' does not exist in the storage account."
                : $"'data.blob': '{blobPath}' changed while it was being read; train again.", e);
        }
    }
}
