using System.ComponentModel.DataAnnotations;
using Serverless.Core.Approvals;

namespace Serverless.Workflows.Retrain;

/// <summary>
/// Each model's own validation gates and the retrain schedule (configuration section <c>Retrain</c>). Who approves a
/// candidate is the model's approval policy (section <c>Approvals</c>), shared with its rollouts.
/// </summary>
public sealed class RetrainOptions
{
    public const string Section = "Retrain";

    /// <summary>Per-model retrain settings by model name (its own validation gates).</summary>
    public Dictionary<string, RetrainModelPolicy> Models { get; set; } = new(StringComparer.Ordinal);

    /// <summary>The models the retrain schedule retrains (reason <c>schedule</c>), comma-separated. Empty: the schedule does nothing.</summary>
    public string ScheduledModels { get; set; } = "";

    /// <summary>How often the local host's schedule runs (Functions: the <c>RetrainSchedule</c> timer, <c>%RetrainSchedule%</c>).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "30.00:00:00")]
    public TimeSpan Interval { get; set; } = TimeSpan.FromDays(1);

    /// <summary>The policy that applies to <paramref name="model"/>: its approval policy, and its own gates if it has them.</summary>
    public RetrainPolicy PolicyFor(string model, ApprovalOptions approvals)
    {
        ArgumentNullException.ThrowIfNull(approvals);
        return new RetrainPolicy(approvals.PolicyFor(model), Models.TryGetValue(model, out var own) ? own.Validation : null);
    }

    /// <summary>The scheduled models, in the order listed, each once.</summary>
    public IReadOnlyList<string> Scheduled() => ApprovalOptions.List(ScheduledModels);
}
