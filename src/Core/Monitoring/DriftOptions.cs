using System.ComponentModel.DataAnnotations;

namespace Serverless.Core.Monitoring;

/// <summary>Drift thresholds and the drift monitor's schedule ("Monitoring:Drift" configuration section).</summary>
public sealed class DriftOptions
{
    public const string Section = "Monitoring:Drift";

    /// <summary>PSI at or above this warns (default 0.1).</summary>
    [Range(0.0, 100.0)]
    public double Warn { get; set; } = 0.1;

    /// <summary>PSI at or above this acts: notify or retrain, per policy (default 0.25).</summary>
    [Range(0.0, 100.0)]
    public double Act { get; set; } = 0.25;

    /// <summary>Fewer live rows than this are not judged.</summary>
    [Range(1, long.MaxValue)]
    public long MinimumRows { get; set; } = 100;

    /// <summary>The live window the monitor judges: the last this long.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "7.00:00:00")]
    public TimeSpan Window { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How often the local host's monitor runs (Functions: the timer trigger's schedule, <c>%DriftSchedule%</c>).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan Interval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>After acting on a model, the monitor does not act on it again for this long.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "30.00:00:00")]
    public TimeSpan Cooldown { get; set; } = TimeSpan.FromHours(6);

    /// <summary>The thresholds of one model (the same for every model until per-model settings exist).</summary>
    public DriftThresholds ThresholdsFor(string model) => new(Warn, Act, MinimumRows);
}
