using System.ComponentModel.DataAnnotations;
using System.Globalization;

namespace Serverless.Core.Approvals;

/// <summary>Settings of approval links, the decision ledger and who approves what ("Approvals" configuration section).</summary>
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

    /// <summary>The approval policy of every model without its own entry.</summary>
    public ApprovalPolicySettings Default { get; set; } = new()
    {
        Approvers = "", RequiredApprovals = 1, Timeout = TimeSpan.FromHours(72), ApproveStart = false, ApproveSteps = "",
    };

    /// <summary>Models' own policies by model name (<c>Approvals:Models:churn:Approvers</c>); what an entry leaves out comes from <see cref="Default"/>.</summary>
    public Dictionary<string, ApprovalPolicySettings> Models { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The policy of <paramref name="model"/>: its own entry over the defaults.</summary>
    /// <exception cref="FormatException"><c>ApproveSteps</c> is not a list of percents (start-up validation refuses it first).</exception>
    public ApprovalPolicy PolicyFor(string model)
    {
        var own = Models.TryGetValue(model, out var entry) ? entry : null;
        var steps = own?.ApproveSteps ?? Default.ApproveSteps ?? "";
        return new ApprovalPolicy(
            List(own?.Approvers ?? Default.Approvers ?? ""),
            own?.RequiredApprovals ?? Default.RequiredApprovals ?? 1,
            own?.Timeout ?? Default.Timeout ?? TimeSpan.FromHours(72),
            own?.ApproveStart ?? Default.ApproveStart ?? false,
            TryParseSteps(steps, out var parsed) ? parsed : throw new FormatException($"'{steps}' is not a comma-separated list of percents."),
            own is null ? $"{Section}:Default" : $"{Section}:Models:{model}");
    }

    /// <summary>Comma- or semicolon-separated values, trimmed, each once.</summary>
    public static string[] List(string value) =>
        [.. value.Split([',', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct(StringComparer.OrdinalIgnoreCase)];

    /// <summary>Percents 1-100, comma-separated, returned rising and each once.</summary>
    public static bool TryParseSteps(string text, out IReadOnlyList<int> steps)
    {
        var values = new SortedSet<int>();
        steps = [];
        foreach (var part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value is < 1 or > 100)
            {
                return false;
            }

            values.Add(value);
        }

        steps = [.. values];
        return true;
    }
}
