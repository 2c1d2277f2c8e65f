using System.Buffers;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace Serverless.Api.Http;

/// <summary>
/// A JSON request body read whole into a pooled buffer, bounded in size. Not thread-safe; one per request;
/// <see cref="Dispose"/> returns the buffer.
/// </summary>
public sealed class JsonRequestBody : IDisposable
{
    private byte[] _buffer;

    private JsonRequestBody(byte[] buffer, int length)
    {
        _buffer = buffer;
        Length = length;
    }

    public int Length { get; }

    public ReadOnlySpan<byte> Span => _buffer.AsSpan(0, Length);

    /// <summary>The body as memory, for use across an await (valid until <see cref="Dispose"/>).</summary>
    public ReadOnlyMemory<byte> Memory => _buffer.AsMemory(0, Length);

    /// <summary>
    /// Reads the body, or answers 415 (not JSON), 413 (over <paramref name="maxBytes"/>, by Content-Length or
    /// by what arrives) or 400 (empty), each with <c>{ "error" }</c>.
    /// </summary>
    /// <remarks>A ValueTask: a small body has usually arrived whole, and then reading it allocates no task.</remarks>
    public static async ValueTask<(JsonRequestBody? Body, IResult? Error)> ReadAsync(HttpRequest request, int maxBytes, CancellationToken cancellationToken)
    {
        if (ContentTypeError(request.ContentType) is { } contentTypeError)
        {
            return (null, contentTypeError);
        }

        if (request.ContentLength > maxBytes)
        {
            return (null, TooLarge(maxBytes));
        }

        var buffer = ArrayPool<byte>.Shared.Rent((int)Math.Min(request.ContentLength ?? 16 * 1024, maxBytes) + 1);
        var total = 0;
        try
        {
            while (true)
            {
                if (total == buffer.Length)
                {
                    var larger = ArrayPool<byte>.Shared.Rent((int)Math.Min(buffer.Length * 2L, maxBytes + 1L));
                    buffer.AsSpan(0, total).CopyTo(larger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = larger;
                }

                var read = await request.Body.ReadAsync(buffer.AsMemory(total), cancellationToken);
                if (read == 0)
                {
                    break;
                }

                total += read;
                if (total > maxBytes)
                {
                    ArrayPool<byte>.Shared.Return(buffer);
                    return (null, TooLarge(maxBytes));
                }
            }
        }
        catch (BadHttpRequestException e)
        {
            // The server's own limits or a broken upload; the body is unusable either way.
            ArrayPool<byte>.Shared.Return(buffer);
            return (null, e.StatusCode == StatusCodes.Status413PayloadTooLarge
                ? TooLarge(maxBytes)
                : ApiError.Result(StatusCodes.Status400BadRequest, $"The request body could not be read: {e.Message}"));
        }

        if (total == 0)
        {
            ArrayPool<byte>.Shared.Return(buffer);
            return (null, ApiError.Result(StatusCodes.Status400BadRequest, "The request body is empty; send a JSON object."));
        }

        return (new JsonRequestBody(buffer, total), null);
    }

    public void Dispose()
    {
        var buffer = Interlocked.Exchange(ref _buffer, []);
        if (buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Null for JSON in UTF-8; else the 415 to answer. The plain <c>application/json</c> most callers send skips the parser.</summary>
    private static IResult? ContentTypeError(string? contentType)
    {
        if (string.Equals(contentType, "application/json", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        if (!MediaTypeHeaderValue.TryParse(contentType, out var mediaType)
            || !(mediaType.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase)
                 || mediaType.MediaType.EndsWith("+json", StringComparison.OrdinalIgnoreCase)))
        {
            return ApiError.Result(StatusCodes.Status415UnsupportedMediaType, $"Content-Type must be application/json (got '{contentType}').");
        }

        return mediaType.Charset.HasValue && !mediaType.Charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase)
            ? ApiError.Result(StatusCodes.Status415UnsupportedMediaType, $"The JSON body must be UTF-8 (got charset '{mediaType.Charset}').")
            : null;
    }

    private static IResult TooLarge(int maxBytes) =>
        ApiError.Result(StatusCodes.Status413PayloadTooLarge, $"The request body exceeds the {maxBytes} byte limit.");
}
