using System.Diagnostics.CodeAnalysis;
using Microsoft.AspNetCore.Http;

namespace Serverless.Api.Http;

/// <summary>The request id of a scoring call: the caller's <c>x-request-id</c>, or a new one. Echoed as a response header.</summary>
public static class RequestIds
{
    public const string Header = "x-request-id";

    /// <summary>Reads or creates the id and sets the response header; a malformed header is refused (400).</summary>
    public static bool TryGet(HttpRequest request, [NotNullWhen(true)] out string? requestId, [NotNullWhen(false)] out IResult? error)
    {
        var given = request.Headers[Header];
        requestId = given.Count == 0 ? NewId() : given.ToString();
        if (given.Count > 1 || !IsValid(requestId))
        {
            requestId = null;
            error = ApiError.Result(StatusCodes.Status400BadRequest, $"The {Header} header must be one value of 1-128 visible ASCII characters.");
            return false;
        }

        request.HttpContext.Response.Headers[Header] = requestId;
        error = null;
        return true;
    }

    /// <summary>
    /// 128 random bits as 32 hex digits, from <see cref="Random.Shared"/>: unique for tracing and feedback joins, and
    /// uniformly spread for the prediction log's hash sampling. Not a secret, so no need for
    /// <see cref="Guid.NewGuid"/>'s OS randomness: a syscall of 4-6 us on these VMs, 2.5 % of a predict request's CPU (bench/README.md).
    /// </summary>
    internal static string NewId()
    {
        Span<byte> bytes = stackalloc byte[16];
        Random.Shared.NextBytes(bytes);
        return Convert.ToHexStringLower(bytes);
    }

    /// <summary>A request id we accept: 1-128 visible ASCII characters.</summary>
    public static bool IsValid(string id)
    {
        if (id.Length is 0 or > 128)
        {
            return false;
        }

        foreach (var c in id)
        {
            if (c is < '!' or > '~')
            {
                return false;
            }
        }

        return true;
    }
}
