using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Serverless.Core.Serialization;

namespace Serverless.Api.Models;

/// <summary>The parts of a register request: the ONNX bytes and the optional manifest.</summary>
internal sealed record RegistrationUpload(ReadOnlyMemory<byte> Onnx, RegistrationRequest? Manifest)
{
    /// <summary>A manifest (schema, metrics, histograms) is small; this bounds it whether sent as a field or a file.</summary>
    private const int MaxManifestBytes = 4 * 1024 * 1024;

    public static async Task<RegistrationUpload> ReadAsync(HttpRequest request, long limit, CancellationToken cancellationToken)
    {
        var mediaType = request.ContentType?.Split(';')[0].Trim().ToLowerInvariant();
        try
        {
            return mediaType switch
            {
                "multipart/form-data" => await ReadMultipartAsync(request, limit, cancellationToken),
                "application/octet-stream" => new RegistrationUpload(await ReadBoundedAsync(request.Body, limit, cancellationToken), null),
                _ => throw new RegistrationUploadException(415,
                    "Send the model as multipart/form-data (parts 'model' and optional 'manifest') or as application/octet-stream."),
            };
        }
        catch (InvalidDataException e)
        {
            // Thrown by the form reader when a multipart limit is exceeded or the body is not valid multipart.
            throw e.Message.Contains("limit", StringComparison.OrdinalIgnoreCase)
                ? new RegistrationUploadException(413, $"The upload exceeds a size limit: {e.Message}")
                : new RegistrationUploadException(400, $"The multipart body is malformed: {e.Message}");
        }
        catch (BadHttpRequestException e) when (e.StatusCode == 413)
        {
            throw new RegistrationUploadException(413, $"The model exceeds the {limit} byte limit.");
        }
    }

    private static async Task<RegistrationUpload> ReadMultipartAsync(HttpRequest request, long limit, CancellationToken cancellationToken)
    {
        var form = await request.ReadFormAsync(
            new FormOptions { MultipartBodyLengthLimit = limit + 1024 * 1024, ValueLengthLimit = MaxManifestBytes }, cancellationToken);
        var model = form.Files.GetFile("model")
            ?? throw new RegistrationUploadException(400, "The multipart body has no 'model' file part.");
        if (model.Length > limit)
        {
            throw new RegistrationUploadException(413, $"The model exceeds the {limit} byte limit.");
        }

        await using var modelStream = model.OpenReadStream();
        var onnx = await ReadBoundedAsync(modelStream, limit, cancellationToken);

        string? manifestJson = form.TryGetValue("manifest", out var values) ? values.ToString() : null;
        if (manifestJson is null && form.Files.GetFile("manifest") is { } manifestFile)
        {
            await using var manifestStream = manifestFile.OpenReadStream();
            manifestJson = System.Text.Encoding.UTF8.GetString(await ReadBoundedAsync(manifestStream, MaxManifestBytes, cancellationToken, "manifest"));
        }

        return new RegistrationUpload(onnx, manifestJson is null ? null : ParseManifest(manifestJson));
    }

    private static RegistrationRequest ParseManifest(string json)
    {
        try
        {
            return JsonSerializer.Deserialize<RegistrationRequest>(json, JsonDefaults.Options)
                ?? throw new RegistrationUploadException(400, "The 'manifest' part is null.");
        }
        catch (JsonException e)
        {
            throw new RegistrationUploadException(400, $"The 'manifest' part is not a valid manifest: {e.Message}");
        }
    }

    private static async Task<byte[]> ReadBoundedAsync(Stream body, long limit, CancellationToken cancellationToken, string part = "model")
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > limit)
            {
                throw new RegistrationUploadException(413, $"The {part} exceeds the {limit} byte limit.");
            }

            buffer.Write(chunk, 0, read);
        }

        if (buffer.Length == 0)
        {
            throw new RegistrationUploadException(400, $"The {part} file is empty.");
        }

        return buffer.ToArray();
    }
}
