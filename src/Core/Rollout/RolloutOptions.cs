using System.ComponentModel.DataAnnotations;
using Serverless.Core.Rollout.Health;
using Serverless.Core.Rollout.Plans;

namespace Serverless.Core.Rollout;

/// <summary>Settings of the deployment control plane and of staged rollouts ("Rollout" section).</summary>
/// <remarks>Plans and thresholds are checked at start by <see cref="RolloutOptionsValidator"/>.</remarks>
public sealed class RolloutOptions
{
    public const string Section = "Rollout";

    /// <summary>The Table Storage table of the audit log (one partition per model).</summary>
    [Required]
    [RegularExpression("^[A-Za-z][A-Za-z0-9]{2,62}$", ErrorMessage = "Rollout:AuditTable must be a valid table name (3-63 letters and digits, starting with a letter).")]
    public string AuditTable { get; set; } = "deploymentaudit";

    /// <summary>The strategy of models without their own plan: <c>canary</c> or <c>blue-green</c>.</summary>
    public string DefaultStrategy { get; set; } = RolloutPlanner.Canary;

    /// <summary>The default canary plan: 5, 25, 50, 100 % with a bake per step.</summary>
    public RolloutPlanSettings Canary { get; set; } = new();

    /// <summary>The default blue-green plan: green loaded at 0 %, then all traffic at once, a bake, and an instant switch back on failure.</summary>
    public RolloutPlanSettings BlueGreen { get; set; } = new() { Strategy = RolloutPlanner.BlueGreen, Steps = "100" };

    /// <summary>Models' own plans, by model name (<c>Rollout:Plans:churn:Steps</c>); a model's plan replaces the default whole.</summary>
    public Dictionary<string, RolloutPlanSettings> Plans { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>When a step's candidate counts as healthy.</summary>
    public HealthThresholds Health { get; set; } = new();
}
