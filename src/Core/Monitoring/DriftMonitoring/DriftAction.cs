namespace Serverless.Core.Monitoring.DriftMonitoring;

/// <summary>What one check of one model did.</summary>
public enum DriftAction
{
    /// <summary>Nothing to do: no version at <see cref="DriftLevel.Act"/>.</summary>
    None,

    /// <summary>The notifier was told.</summary>
    Notified,

    /// <summary>The notifier was told and a retrain was started.</summary>
    RetrainStarted,

    /// <summary>Drift was at act, but the model was acted on less than a cooldown ago (by this or another instance).</summary>
    Cooldown,

    /// <summary>Acting failed (the notifier or the start threw); the cooldown is not spent, the next check tries again.</summary>
    Failed,
}
