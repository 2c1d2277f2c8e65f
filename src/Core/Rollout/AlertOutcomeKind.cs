namespace Serverless.Core.Rollout;

public enum AlertOutcomeKind
{
    /// <summary>A Fired alert: traffic went back to the last known good (or already was there), a running rollout was signalled.</summary>
    RolledBack,

    /// <summary>A Resolved alert: recorded in the audit log, nothing changed.</summary>
    Recorded,

    /// <summary>This alert id (and condition) was already handled by another delivery: nothing done.</summary>
    Duplicate,

    /// <summary>The alert names no model, or one that is not registered: logged, nothing done.</summary>
    UnknownModel,

    /// <summary>A Fired alert for a model with no version to roll back to: recorded and notified, nothing changed.</summary>
    NothingToRollBack,
}
