namespace Serverless.Core.Monitoring;

/// <summary>How far a live distribution has moved from training, by <see cref="DriftThresholds"/>.</summary>
public enum DriftLevel
{
    /// <summary>Too few live rows (or no training histogram) to judge.</summary>
    InsufficientData,

    /// <summary>PSI below the warn threshold.</summary>
    Stable,

    /// <summary>PSI at or above the warn threshold, below act.</summary>
    Warn,

    /// <summary>PSI at or above the act threshold: notify or retrain, per policy.</summary>
    Act,
}
