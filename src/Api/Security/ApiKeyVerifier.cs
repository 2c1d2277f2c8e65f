using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;

namespace Serverless.Api.Security;

/// <summary>Checks a presented key against <see cref="ApiKeyOptions.Key"/>. Thread-safe; holds only the key's hash.</summary>
/// <remarks>
/// Both sides are hashed with SHA-256 before <see cref="CryptographicOperations.FixedTimeEquals"/>, so the comparison takes
/// the same time whatever the presented key's length or content, and the plain key is not kept in this object.
/// </remarks>
public sealed class ApiKeyVerifier
{
    /// <summary>The header that carries the key, as Azure Functions' function keys.</summary>
    public const string Header = "x-functions-key";

    private readonly byte[] _expected;

    public ApiKeyVerifier(IOptions<ApiKeyOptions> options)
    {
        var key = options.Value.Key;
        if (key.Length < ApiKeyOptionsValidator.MinimumLength)
        {
            throw new InvalidOperationException("ApiKey:Key is not configured.");
        }

        _expected = SHA256.HashData(Encoding.UTF8.GetBytes(key));
    }

    /// <summary>True when exactly one value was presented and it equals the key.</summary>
    public bool IsValid(StringValues presented)
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
