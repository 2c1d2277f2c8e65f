using Microsoft.Extensions.Options;

namespace Serverless.Core.Approvals;

/// <summary>
/// Refuses <see cref="ApprovalOptions"/> that give no usable signing key, or an approval policy (the default or a
/// model's, as resolved) that cannot work, saying why and naming the setting (runs at start-up).
/// </summary>
public sealed class ApprovalOptionsValidator : IValidateOptions<ApprovalOptions>
{
    public ValidateOptionsResult Validate(string? name, ApprovalOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (ApprovalSigningKey.Problem(options) is { } key)
        {
            failures.Add(key);
        }

        var sources = new List<(string Source, string Model, ApprovalPolicySettings Settings)> { ($"{ApprovalOptions.Section}:Default", "", options.Default) };
        sources.AddRange(options.Models.Select(m => ($"{ApprovalOptions.Section}:Models:{m.Key}", m.Key, m.Value)));
        foreach (var (source, model, settings) in sources)
        {
            if ((settings.ApproveSteps ?? options.Default.ApproveSteps) is { } steps && !ApprovalOptions.TryParseSteps(steps, out _))
            {
                failures.Add($"{source}:ApproveSteps: '{steps}' is not a comma-separated list of percents (1-100).");
                continue;
            }

            failures.AddRange(Problems(options.PolicyFor(model), source));
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static IEnumerable<string> Problems(ApprovalPolicy policy, string source)
    {
        if (policy.RequiredApprovals is < 1 or > 20 || (policy.Approvers.Count > 0 && policy.RequiredApprovals > policy.Approvers.Count))
        {
            yield return $"{source}:RequiredApprovals: must be 1-{Math.Clamp(policy.Approvers.Count, 1, 20)} (the approvers named), not {policy.RequiredApprovals}.";
        }

        if (policy.Timeout < TimeSpan.FromSeconds(5) || policy.Timeout > TimeSpan.FromDays(30))
        {
            yield return $"{source}:Timeout: must be 00:00:05 to 30.00:00:00, not {policy.Timeout}.";
        }

        if ((policy.ApproveStart || policy.ApproveSteps.Count > 0) && policy.Approvers.Count == 0)
        {
            yield return $"{source}:Approvers: the policy asks for approvals (ApproveStart or ApproveSteps) but names no approvers.";
        }
    }
}
