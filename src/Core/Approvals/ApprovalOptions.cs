using System.ComponentModel.DataAnnotations;

namespace Serverless.Core.Approvals;

/// <summary>Settings of approval links and the decision ledger ("Approvals" configuration section).</summary>
public sealed class ApprovalOptions
{
    public const string Section = "Approvals";

    /// <summary>
    /// The HMAC-SHA256 key of approval tokens, at least 32 bytes: base64 when it decodes as such, otherwise the
    /// secret's UTF-8 bytes (azd generates dev's as a password). In Azure a Key Vault reference
    /// (secret <c>approval-signing-key</c>); never in the repository. When empty, <see cref="SigningKeyFile"/> is used.
    /// </summary>
    public string SigningKey { get; set; } = "";

    /// <summary>
    /// Where a key is kept when <see cref="SigningKey"/> is empty: read if it exists, generated (32 random bytes,
    /// owner-only permissions) when first needed if not. <c>~</c> is the user's home. Empty (as Azure sets it): no
    /// file, and a missing <see cref="SigningKey"/> fails start-up (every instance there must share one key).
    /// </summary>
    public string SigningKeyFile { get; set; } = "~/.config/serverless-ml/approval-signing-key";

    /// <summary>Table of approval requests and their decisions (one row per request).</summary>
    [Required, RegularExpression("^[A-Za-z][A-Za-z0-9]{2,62}$", ErrorMessage = "DecisionTable must be 3-63 letters or digits, starting with a letter.")]
    public string DecisionTable { get; set; } = "approvals";

    /// <summary>The address approval links point at (the function app's or local host's public URL).</summary>
    [Required, Url]
    public string PublicBaseUrl { get; set; } = "http://localhost:7071";
}
