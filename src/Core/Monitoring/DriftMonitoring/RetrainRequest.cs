namespace Serverless.Core.Monitoring.DriftMonitoring;

/// <summary>
/// The input of the retrain workflow (<c>RetrainOrchestrator</c>), whoever starts it: the drift monitor, the retrain
/// schedule or <c>POST /api/models/{name}/retrain</c>.
/// </summary>
/// <param name="Reason">Why: one of <see cref="Reasons"/>.</param>
/// <param name="Version">The version that prompted it: the drifted version for drift, the champion for the others (0 when none).</param>
/// <param name="Detail">Why, for people (the drifted features and their PSI, the caller's note).</param>
/// <param name="SpecJson">The training spec as JSON; null retrains with the model's last spec on the data its blob holds now.</param>
/// <param name="RequestedBy">Who asked: a principal name, or the component that started it.</param>
public sealed record RetrainRequest(
    string Model,
    string Reason,
    int Version,
    string Detail,
    DateTimeOffset RequestedAt,
    string? SpecJson = null,
    string RequestedBy = RetrainRequest.DriftMonitorPrincipal)
{
    /// <summary>Who a drift-started retrain names as its requester.</summary>
    public const string DriftMonitorPrincipal = "drift-monitor";

    /// <summary>The reasons a retrain may carry.</summary>
    public static IReadOnlyList<string> Reasons { get; } = ["schedule", "drift", "manual", "feedback"];

    /// <summary>
    /// One retrain per model at a time: every starter uses this instance id, so a second start while one runs is
    /// refused (and a finished or failed one may be started again).
    /// </summary>
    public static string InstanceId(string model) => $"retrain-{model}";
}
