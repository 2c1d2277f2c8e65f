using System.ComponentModel.DataAnnotations;

namespace Serverless.Core.Monitoring;

/// <summary>Settings of metrics and window statistics ("Monitoring" configuration section).</summary>
public sealed class MonitoringOptions
{
    public const string Section = "Monitoring";

    /// <summary>When false nothing is recorded: no instruments, no windows (the benchmark's "off").</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Table of per-instance, per-minute window aggregates.</summary>
    [Required, RegularExpression("^[A-Za-z][A-Za-z0-9]{2,62}$", ErrorMessage = "WindowTable must be 3-63 letters or digits, starting with a letter.")]
    public string WindowTable { get; set; } = "monitoringwindows";

    /// <summary>How often each instance writes its open windows; a minute is final one interval after it ends.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan FlushInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>
    /// This instance's name in window rows; empty means machine name, process id and a random suffix, so a restarted
    /// process never overwrites the rows of the one before it (which would lose counts).
    /// </summary>
    [RegularExpression("^[A-Za-z0-9._-]{0,100}$")]
    public string InstanceId { get; set; } = "";
}
