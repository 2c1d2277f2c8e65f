namespace Serverless.Core.Monitoring.DriftMonitoring;

/// <summary>What the drift monitor does when a model's drift reaches <see cref="DriftLevel.Act"/>.</summary>
public enum DriftPolicy
{
    /// <summary>Tell the <see cref="IDriftNotifier"/> (by default: a warning in the log).</summary>
    Notify,

    /// <summary>Tell the notifier and start the retrain orchestration with reason <c>drift</c>.</summary>
    Retrain,
}
