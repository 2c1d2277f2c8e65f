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

    /// <summary>What the monitor does at <see cref="DriftLevel.Act"/>: <c>Notify</c> (default) or <c>Retrain</c>.</summary>
    public DriftMonitoring.DriftPolicy Policy { get; set; } = DriftMonitoring.DriftPolicy.Notify;

    /// <summary>The orchestration <c>Retrain</c> starts (input: <see cref="DriftMonitoring.RetrainRequest"/>).</summary>
    [Required, RegularExpression("^[A-Za-z][A-Za-z0-9_]{0,99}$")]
    public string RetrainOrchestration { get; set; } = "RetrainOrchestrator";

    /// <summary>Table of drift checks and per-model cooldown state.</summary>
    [Required, RegularExpression("^[A-Za-z][A-Za-z0-9]{2,62}$", ErrorMessage = "Table must be 3-63 letters or digits, starting with a letter.")]
    public string Table { get; set; } = "driftchecks";

    /// <summary>The thresholds of one model (the same for every model until per-model settings exist).</summary>
    public DriftThresholds ThresholdsFor(string model) => new(Warn, Act, MinimumRows);
}
