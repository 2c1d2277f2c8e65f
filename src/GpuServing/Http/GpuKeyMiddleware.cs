using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using Serverless.Api.Gpu;
using Serverless.Api.Http;
using Serverless.GpuServing.Hosting;

namespace Serverless.GpuServing.Http;

/// <summary>
/// Refuses every request without the shared key (<see cref="GpuServingOptions.Key"/>) in <see cref="GpuForwarder.KeyHeader"/>
/// with 401 <c>{ "error" }</c>, so the GPU app's public ingress serves only the function app. Health probes
/// (<c>/v2/health/*</c>) stay open for the platform. No key configured: everything passes (local runs).
/// </summary>
/// <remarks>Both sides are hashed with SHA-256 before a fixed-time comparison; the key is never logged.</remarks>
internal sealed class GpuKeyMiddleware(RequestDelegate next, IOptions<GpuServingOptions> options)
{
    private readonly byte[]? _expected = options.Value.Key.Length == 0 ? null : SHA256.HashData(Encoding.UTF8.GetBytes(options.Value.Key));

    public Task InvokeAsync(HttpContext context)
    {
        if (_expected is null || context.Request.Path.StartsWithSegments("/v2/health") || IsValid(context.Request.Headers[GpuForwarder.KeyHeader]))
        {
            return next(context);
        }

        return ApiError.Result(StatusCodes.Status401Unauthorized, $"Missing or wrong {GpuForwarder.KeyHeader}: the GPU app serves only the function app.")
            .ExecuteAsync(context);
    }

    private bool IsValid(Microsoft.Extensions.Primitives.StringValues presented)
    {
        if (presented.Count != 1 || string.IsNullOrEmpty(presented[0]))
        {
            return false;
        }

        Span<byte> actual = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.UTF8.GetBytes(presented[0]!), actual);
        return CryptographicOperations.FixedTimeEquals(actual, _expected);
    }
}
