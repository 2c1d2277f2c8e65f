using Serverless.Core.Rollout;

namespace Serverless.Workflows.Rollout;

/// <summary>The names other workflows and the hosts use to start and steer a rollout.</summary>
public static class RolloutNames
{
    /// <summary>The rollout orchestrator's registered name.</summary>
    public const string Orchestrator = "RolloutOrchestrator";

    /// <summary>External event: skip the remaining steps and promote the candidate now (approved first when a skipped step needs approval).</summary>
    public const string PromoteEvent = "Promote";

    /// <summary>External event: stop, leave the champion serving all traffic, end aborted.</summary>
    public const string AbortEvent = "Abort";

    /// <summary>External event: roll back to last known good at once, skipping analysis (also raised by alerts).</summary>
    public const string RollbackEvent = IRolloutSignal.EventName;

    /// <summary>One rollout per model at a time: its instance id.</summary>
    public static string InstanceId(string model) => $"rollout-{model}";
}
