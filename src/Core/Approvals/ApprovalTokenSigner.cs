using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Serverless.Core.Approvals;

/// <summary>
/// Makes and checks approval tokens: <c>v1.{payload}.{mac}</c>, both parts base64url, the payload the claims as
/// compact JSON and the MAC HMAC-SHA256 over <c>v1.{payload}</c> with the signing key. URL-safe as a path segment.
/// </summary>
/// <remarks>
/// The MAC is compared in constant time, before the payload is parsed, so nothing about a forged token is read.
/// A token says nothing about whether its decision was already made: <see cref="ApprovalLedger"/> keeps that.
/// Thread-safe.
/// </remarks>
public sealed class ApprovalTokenSigner(ApprovalSigningKey key, TimeProvider time)
{
    /// <summary>Longer tokens are refused unread (ours are about 300 characters).</summary>
    public const int MaxTokenLength = 2048;

    private const string Version = "v1";
    private const int MacBytes = 32;

    public string Create(ApprovalClaims claims)
    {
        ArgumentNullException.ThrowIfNull(claims);
        var payload = JsonSerializer.SerializeToUtf8Bytes(
            new Payload(claims.Instance, claims.Decision, claims.Approver, claims.ExpiresAt.ToUnixTimeSeconds(), claims.Nonce), PayloadJson);
        var signed = Version + "." + Base64Url.EncodeToString(payload);
        return signed + "." + Base64Url.EncodeToString(Mac(signed));
    }

    public ApprovalTokenCheck Check(string? token)
    {
        if (token is not { Length: > 0 and <= MaxTokenLength })
        {
            return ApprovalTokenCheck.Invalid;
        }

        var lastDot = token.LastIndexOf('.');
        if (lastDot <= 0 || !token.StartsWith(Version + ".", StringComparison.Ordinal))
        {
            return ApprovalTokenCheck.Invalid;
        }

        var signed = token[..lastDot];
        Span<byte> mac = stackalloc byte[MacBytes + 3];
        if (Base64Url.DecodeFromChars(token.AsSpan(lastDot + 1), mac, out _, out var macLength) != System.Buffers.OperationStatus.Done
            || !CryptographicOperations.FixedTimeEquals(mac[..macLength], Mac(signed)))
        {
            return ApprovalTokenCheck.Invalid;
        }

        ApprovalClaims claims;
        try
        {
            var payload = JsonSerializer.Deserialize<Payload>(Base64Url.DecodeFromChars(signed.AsSpan(Version.Length + 1)), PayloadJson);
            if (payload is not { I.Length: > 0, A.Length: > 0, N.Length: > 0 } || !Enum.IsDefined(payload.D))
            {
                return ApprovalTokenCheck.Invalid;
            }

            claims = new ApprovalClaims(payload.I, payload.D, payload.A, DateTimeOffset.FromUnixTimeSeconds(payload.E), payload.N);
        }
        catch (Exception e) when (e is JsonException or FormatException or ArgumentOutOfRangeException)
        {
            // Signed by us but unreadable: only a key shared with another format could do this. Refuse it.
            return ApprovalTokenCheck.Invalid;
        }

        return new ApprovalTokenCheck(time.GetUtcNow() >= claims.ExpiresAt ? ApprovalTokenStatus.Expired : ApprovalTokenStatus.Valid, claims);
    }

    private byte[] Mac(string signed) => HMACSHA256.HashData(key.Bytes.Span, Encoding.ASCII.GetBytes(signed));

    private static readonly JsonSerializerOptions PayloadJson = new()
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false) },
    };

    /// <summary>Short names keep links short: instance, decision, approver, expiry (Unix seconds), nonce.</summary>
    private sealed record Payload(
        [property: JsonPropertyName("i")] string I,
        [property: JsonPropertyName("d")] ApprovalDecision D,
        [property: JsonPropertyName("a")] string A,
        [property: JsonPropertyName("e")] long E,
        [property: JsonPropertyName("n")] string N);
}
