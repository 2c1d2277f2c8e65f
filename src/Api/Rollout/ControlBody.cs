using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Serverless.Api.Http;
using Serverless.Core.Serialization;

namespace Serverless.Api.Rollout;

/// <summary>The small JSON bodies of the control-plane routes: bounded, deserialised with the house options, 400 when malformed.</summary>
internal static class ControlBody
{
    /// <summary>Control bodies are a few fields; anything larger is refused with 413.</summary>
    public const int MaxBytes = 16 * 1024;

    /// <summary>The body as <typeparamref name="T"/>, or the error to answer. An absent body is <paramref name="empty"/> when given, else 400.</summary>
    public static async Task<(T? Body, IResult? Error)> ReadAsync<T>(HttpRequest request, T? empty, CancellationToken cancellationToken)
        where T : class
    {
        if (empty is not null && (request.ContentLength == 0 || (request.ContentLength is null && request.ContentType is null)))
        {
            return (empty, null);
        }

        var (body, error) = await JsonRequestBody.ReadAsync(request, MaxBytes, cancellationToken);
        if (body is null)
        {
            return (null, error);
        }

        using (body)
        {
            try
            {
                return JsonSerializer.Deserialize<T>(body.Span, JsonDefaults.Options) is { } value
                    ? (value, null)
                    : (null, ApiError.Result(StatusCodes.Status400BadRequest, "The body must be a JSON object."));
            }
            catch (Exception e) when (e is JsonException or InvalidOperationException or NotSupportedException)
            {
                return (null, ApiError.Result(StatusCodes.Status400BadRequest, $"The body is not valid: {e.Message}"));
            }
        }
    }

    /// <summary>Who made a change, for the audit: the <c>x-changed-by</c> header (at most 100 characters), else <c>api</c>.</summary>
    public static string Caller(HttpRequest request)
    {
        var by = request.Headers["x-changed-by"].ToString();
        return by.Length is > 0 and <= 100 ? by : "api";
    }
}
