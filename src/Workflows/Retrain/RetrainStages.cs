namespace Serverless.Workflows.Retrain;

/// <summary>The stages a retrain passes through, in order, as its custom status and its result name them.</summary>
public static class RetrainStages
{
    public const string Prepare = "prepare";
    public const string Snapshot = "snapshot";
    public const string Train = "train";
    public const string Validate = "validate";
    public const string Approval = "approval";
    public const string Rollout = "rollout";

    /// <summary>Ended before the rollout: validation or the approvers said no.</summary>
    public const string Rejected = "rejected";

    /// <summary>Ended after the rollout (whatever its outcome).</summary>
    public const string Done = "done";

    /// <summary>Ended as Failed: the spec, the data, training or storage.</summary>
    public const string Failed = "failed";
}
