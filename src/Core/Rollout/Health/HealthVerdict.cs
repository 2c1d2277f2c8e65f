namespace Serverless.Core.Rollout.Health;

/// <summary>What a health analysis concluded about a rollout step.</summary>
public enum HealthVerdict
{
    /// <summary>Enough samples, every check within its threshold: the next step may start.</summary>
    Pass,

    /// <summary>A check failed: roll back.</summary>
    Fail,

    /// <summary>Too few samples to judge: bake longer (a bounded number of times).</summary>
    Inconclusive,
}
