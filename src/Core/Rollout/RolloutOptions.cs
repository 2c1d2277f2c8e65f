using System.ComponentModel.DataAnnotations;

namespace Serverless.Core.Rollout;

/// <summary>Settings of the deployment control plane ("Rollout" section).</summary>
public sealed class RolloutOptions
{
    public const string Section = "Rollout";

    /// <summary>The Table Storage table of the audit log (one partition per model).</summary>
    [Required]
    [RegularExpression("^[A-Za-z][A-Za-z0-9]{2,62}$", ErrorMessage = "Rollout:AuditTable must be a valid table name (3-63 letters and digits, starting with a letter).")]
    public string AuditTable { get; set; } = "deploymentaudit";
}
