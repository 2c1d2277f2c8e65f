using System.Text.Json;
using Serverless.Api.Http;

namespace Serverless.LocalHost.Durable;

/// <summary>The optional JSON body of a start or raise-event call, bounded like every other body.</summary>
internal static class ManagementBody
{
    /// <summary>Largest event or input body accepted.</summary>
    public const int MaxBytes = 1 << 20;

    /// <summary>The body as JSON (null when empty), or a 400/413 result.</summary>
    public static async Task<(JsonElement? Value, IResult? Error)> ReadJsonAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentLength > MaxBytes)
        {
            return (null, TooLarge());
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[8192];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > MaxBytes)
            {
                return (null, TooLarge());
            }

            buffer.Write(chunk, 0, read);
        }

        if (buffer.Length == 0 || buffer.ToArray().All(b => b is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n'))
        {
            return (null, null);
        }

        try
        {
            using var document = JsonDocument.Parse(buffer.ToArray());
            return (document.RootElement.Clone(), null);
        }
        catch (JsonException e)
        {
            return (null, ApiError.Result(StatusCodes.Status400BadRequest, $"The body is not JSON: {e.Message}"));
        }
    }

    private static IResult TooLarge() => ApiError.Result(StatusCodes.Status413PayloadTooLarge, $"The body exceeds {MaxBytes} bytes.");
}
