using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace Serverless.Core.Approvals;

/// <summary>
/// Refuses to start while approval settings from before the one per-model policy are set (<c>Retrain:Approvers</c>,
/// <c>Retrain:Models:{m}:Approvers</c>, <c>Rollout:Plans:{m}:ApproveSteps</c>, ...), naming the key that replaced each:
/// ignoring them would silently drop an approval someone configured.
/// </summary>
public sealed class ObsoleteApprovalSettingsValidator(IConfiguration configuration) : IValidateOptions<ApprovalOptions>
{
    private static readonly Dictionary<string, string> Renamed = new(StringComparer.OrdinalIgnoreCase)
    {
        ["Approvers"] = "Approvers", ["RequiredApprovals"] = "RequiredApprovals", ["ApprovalTimeout"] = "Timeout",
        ["ApproveStart"] = "ApproveStart", ["ApproveSteps"] = "ApproveSteps",
    };

    public ValidateOptionsResult Validate(string? name, ApprovalOptions options)
    {
        var failures = new List<string>();
        Check(configuration.GetSection("Retrain"), "Approvals:Default");
        Check(configuration.GetSection("Rollout:Canary"), "Approvals:Default");
        Check(configuration.GetSection("Rollout:BlueGreen"), "Approvals:Default");
        foreach (var section in new[] { "Retrain:Models", "Rollout:Plans" })
        {
            foreach (var model in configuration.GetSection(section).GetChildren())
            {
                Check(model, $"Approvals:Models:{model.Key}");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);

        void Check(IConfigurationSection section, string replacement)
        {
            foreach (var setting in section.GetChildren().Where(s => Renamed.ContainsKey(s.Key) && !string.IsNullOrEmpty(s.Value)))
            {
                failures.Add($"{setting.Path} is no longer read: approvals are one policy per model, read by retrain and rollout alike; set {replacement}:{Renamed[setting.Key]} instead (docs/approvals.md#approval-policy).");
            }
        }
    }
}
