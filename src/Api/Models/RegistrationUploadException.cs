namespace Serverless.Api.Models;

/// <summary>A register request that cannot be read; carries the HTTP status to answer.</summary>
internal sealed class RegistrationUploadException(int statusCode, string message) : Exception(message)
{
    public int StatusCode { get; } = statusCode;
}
