using System.ComponentModel.DataAnnotations;

namespace Serverless.Workflows.Training;

/// <summary>Where training snapshots go (configuration section <c>TrainingWorkflow</c>).</summary>
public sealed class TrainingWorkflowOptions
{
    public const string Section = "TrainingWorkflow";

    /// <summary>The container that keeps an immutable copy of every file a version was trained on.</summary>
    [Required, RegularExpression("^[a-z0-9](?!.*--)[a-z0-9-]{1,61}[a-z0-9]$")]
    public string SnapshotContainer { get; set; } = "training-snapshots";
}
