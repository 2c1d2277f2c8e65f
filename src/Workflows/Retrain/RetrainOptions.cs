using System.ComponentModel.DataAnnotations;

namespace Serverless.Workflows.Retrain;

/// <summary>
/// The retrain workflow's policy defaults, each model's own policy, and the retrain schedule (configuration section
/// <c>Retrain</c>).
/// </summary>
public sealed class RetrainOptions
{
    public const string Section = "Retrain";

    /// <summary>Who approves a candidate that passed validation, comma-separated mail addresses. Empty: nobody can, so no candidate is rolled out.</summary>
    public string Approvers { get; set; } = "";

    /// <summary>How many different approvers must approve (one rejection decides).</summary>
    [Range(1, 20)]
    public int RequiredApprovals { get; set; } = 1;

    /// <summary>How long approvers have before the request counts as rejected (one reminder at half time).</summary>
    [Range(typeof(TimeSpan), "00:00:05", "30.00:00:00")]
    public TimeSpan ApprovalTimeout { get; set; } = TimeSpan.FromHours(72);

    /// <summary>Per-model policy by model name; what a model's entry leaves out comes from the defaults above.</summary>
    public Dictionary<string, RetrainModelPolicy> Models { get; set; } = new(StringComparer.Ordinal);

    /// <summary>The models the retrain schedule retrains (reason <c>schedule</c>), comma-separated. Empty: the schedule does nothing.</summary>
    public string ScheduledModels { get; set; } = "";

    /// <summary>How often the local host's schedule runs (Functions: the <c>RetrainSchedule</c> timer, <c>%RetrainSchedule%</c>).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "30.00:00:00")]
    public TimeSpan Interval { get; set; } = TimeSpan.FromDays(1);

    /// <summary>The policy that applies to <paramref name="model"/>: its own entry over the defaults.</summary>
    public RetrainPolicy PolicyFor(string model)
    {
        Models.TryGetValue(model, out var own);
        return new RetrainPolicy(
            List(own?.Approvers ?? Approvers),
            own?.RequiredApprovals ?? RequiredApprovals,
            own?.ApprovalTimeout ?? ApprovalTimeout,
            own?.Validation);
    }

    /// <summary>The scheduled models, in the order listed, each once.</summary>
    public IReadOnlyList<string> Scheduled() => List(ScheduledModels);

    private static string[] List(string value) =>
        [.. value.Split([',', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct(StringComparer.OrdinalIgnoreCase)];
}
